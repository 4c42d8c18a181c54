package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An immutable server frame (MESSAGE, RECEIPT or ERROR): command, ordered headers (unescaped) and body.
 *
 * <p>One MESSAGE is built once per event and handed to every recipient connection; the transport encodes
 * it once through {@link #encoded} and shares those bytes, adding only the per-recipient
 * {@code subscription} header. That is what keeps a group delivery cheap per recipient.
 */
public final class ServerFrame {

    public static final byte[] NO_BODY = new byte[0];

    private final String command;
    private final String[] headers;
    private final byte[] body;
    private volatile byte @Nullable [] encoding;
    private volatile @Nullable Variant variant;

    /** The most recently cached per-recipient encoding and the key it is for. */
    private record Variant(String key, byte[] bytes) {}

    private ServerFrame(String command, String[] headers, byte[] body) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers are name/value pairs");
        }
        this.command = command;
        this.headers = headers;
        this.body = body;
    }

    /** A MESSAGE with a JSON body. {@code extraHeaders} are name/value pairs added after the standard ones. */
    public static ServerFrame message(String destination, String messageId, byte[] jsonBody, String... extraHeaders) {
        String[] headers = new String[6 + extraHeaders.length];
        headers[0] = "destination";
        headers[1] = destination;
        headers[2] = "message-id";
        headers[3] = messageId;
        headers[4] = "content-type";
        headers[5] = "application/json";
        System.arraycopy(extraHeaders, 0, headers, 6, extraHeaders.length);
        return new ServerFrame("MESSAGE", headers, jsonBody);
    }

    /** A RECEIPT for {@code receiptId}, with optional extra name/value headers. */
    public static ServerFrame receipt(String receiptId, String... extraHeaders) {
        String[] headers = new String[2 + extraHeaders.length];
        headers[0] = "receipt-id";
        headers[1] = receiptId;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return new ServerFrame("RECEIPT", headers, NO_BODY);
    }

    /** An ERROR: {@code message} is a short human text, {@code error-code} the machine-readable reason. */
    public static ServerFrame error(ErrorCode code, String message, @Nullable String receiptId) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String[] headers = receiptId == null
                ? new String[] {"message", message, "error-code", code.wireName(), "content-type", "text/plain"}
                : new String[] {"message", message, "error-code", code.wireName(), "content-type", "text/plain",
                        "receipt-id", receiptId};
        return new ServerFrame("ERROR", headers, body);
    }

    public String command() {
        return command;
    }

    public int headerCount() {
        return headers.length / 2;
    }

    public String headerName(int index) {
        return headers[2 * index];
    }

    public String headerValue(int index) {
        return headers[2 * index + 1];
    }

    public @Nullable String header(String name) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals(name)) {
                return headers[i + 1];
            }
        }
        return null;
    }

    /** The body; callers must not modify it. */
    public byte[] body() {
        return body;
    }

    /**
     * The transport's encoding of this frame, computed by {@code encoder} on first use and cached. Racing
     * first callers may each compute it; the encoder must be a pure function so they get equal bytes.
     * Callers must not modify the returned array.
     */
    public byte[] encoded(Function<ServerFrame, byte[]> encoder) {
        byte[] cached = encoding;
        if (cached == null) {
            cached = encoder.apply(this);
            encoding = cached;
        }
        return cached;
    }

    /**
     * The transport's complete encoding of this frame for one recipient variant (for a MESSAGE: the
     * recipient's subscription id), computed by {@code encoder} and cached for the most recent key. Nearly
     * every client uses the same subscription id, so a group message is encoded once and the same bytes
     * go to every recipient; a recipient with another key gets its own encoding (and replaces the cached
     * one). The encoder must be a pure function of (frame, key). Callers must not modify the result.
     */
    public byte[] encodedFor(String key, BiFunction<ServerFrame, String, byte[]> encoder) {
        Variant cached = variant;
        if (cached == null || !cached.key().equals(key)) {
            cached = new Variant(key, encoder.apply(this, key));
            variant = cached;
        }
        return cached.bytes();
    }
}
