package nl.klaslijn.common.events;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of a {@link PortalEvent}, used in portal-api's outbox, on the internal API and (inside the
 * client's event) on the wire. Field names are the record's; times are ISO-8601 strings; unknown fields are refused.
 */
public final class PortalEventJson {

    /** An encoded event is at most this many bytes. */
    public static final int MAX_BYTES = 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private PortalEventJson() {}

    /** The event as JSON; refuses one larger than {@link #MAX_BYTES}. */
    public static byte[] encode(PortalEvent event) {
        byte[] json = MAPPER.writeValueAsBytes(event);
        if (json.length > MAX_BYTES) {
            throw new IllegalArgumentException("portal event is " + json.length + " bytes, more than " + MAX_BYTES);
        }
        return json;
    }

    public static String encodeToString(PortalEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** Parses and validates one event; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PortalEvent decode(byte[] json) {
        if (json.length > MAX_BYTES) {
            throw new IllegalArgumentException("portal event is " + json.length + " bytes, more than " + MAX_BYTES);
        }
        try {
            PortalEvent event = MAPPER.readValue(json, PortalEvent.class);
            if (event == null) {
                throw new IllegalArgumentException("portal event is null");
            }
            return event;
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException("malformed portal event: " + e.getOriginalMessage());
        }
    }

    public static PortalEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
