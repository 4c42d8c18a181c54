package nl.klaslijn.chat.protocol;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON encoding of protocol bodies, and the parsing helpers every request uses for its fields. */
public final class Wire {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Wire() {}

    public static byte[] encode(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    /** Parses a request body; a body that is not a JSON object of this shape is {@link ErrorCode#MALFORMED_BODY}. */
    public static <T> T decode(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "body must be a JSON object");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new RequestException(ErrorCode.MALFORMED_BODY, "body must be a JSON object");
            }
            return value;
        } catch (JacksonException e) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "body is not valid JSON for this destination");
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    public static UUID uuid(@Nullable String value, String field) {
        if (value == null) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, field + " is required");
        }
        try {
            UUID parsed = UUID.fromString(value);
            if (!parsed.toString().equals(value.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, field + " must be a UUID");
        }
    }

    /** A message id in its string form; {@code fallback} when absent. */
    public static long messageId(@Nullable String value, String field, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            long id = Long.parseLong(value);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, field + " must be a message id (decimal string)");
        }
    }

    public static int limit(@Nullable Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "limit must be between 1 and " + max);
        }
        return value;
    }
}
