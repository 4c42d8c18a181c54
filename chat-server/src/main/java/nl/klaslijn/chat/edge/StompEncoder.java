package nl.klaslijn.chat.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * Encodes server frames to the bytes of one WebSocket text message each.
 *
 * <p>A MESSAGE goes to many recipients that differ only in the {@code subscription} header. It is encoded
 * once: {@link #messageTail} (every header but {@code subscription}, {@code content-length}, blank line,
 * body, NUL) is cached in the frame through {@link ServerFrame#encoded}; {@link #message} puts a small
 * per-recipient prefix ({@code MESSAGE\nsubscription:<id>\n}) in front of those shared bytes in a composite
 * buffer, copying nothing.
 *
 * <p>Header names and values are escaped as STOMP 1.2 requires (backslash, LF, CR, colon), except in
 * CONNECTED, which the spec leaves unescaped. A {@code content-length} header is added whenever there is
 * a body (a {@code content-length} among the frame's own headers is ignored: we compute it).
 *
 * <p>This is a set of functions, not a pipeline encoder, on purpose: {@link NettyConnection} encodes on the
 * caller's thread and writes {@code TextWebSocketFrame}s, so Netty's outbound accounting (write-buffer
 * water marks, our hard cap on pending bytes) sees the real size of every queued message.
 */
final class StompEncoder {

    private static final byte[] MESSAGE_SUBSCRIPTION = "MESSAGE\nsubscription:".getBytes(StandardCharsets.US_ASCII);

    private StompEncoder() {}

    /** The shared part of a MESSAGE: a pure function of the frame, as {@link ServerFrame#encoded} requires. */
    static byte[] messageTail(ServerFrame frame) {
        ByteBuf out = Unpooled.buffer(frame.body().length + 64 + 32 * frame.headerCount());
        try {
            writeHeadersAndBody(out, frame);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** One recipient's MESSAGE: a composite of its own prefix and the frame's shared, once-encoded bytes. */
    static ByteBuf message(String subscriptionId, ServerFrame frame) {
        byte[] tail = frame.encoded(StompEncoder::messageTail);
        byte[] id = escape(subscriptionId).getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[MESSAGE_SUBSCRIPTION.length + id.length + 1];
        System.arraycopy(MESSAGE_SUBSCRIPTION, 0, prefix, 0, MESSAGE_SUBSCRIPTION.length);
        System.arraycopy(id, 0, prefix, MESSAGE_SUBSCRIPTION.length, id.length);
        prefix[prefix.length - 1] = '\n';
        return Unpooled.wrappedBuffer(prefix, tail);
    }

    /** Any server frame (RECEIPT, ERROR, or a MESSAGE without subscription), encoded in full. */
    static ByteBuf frame(ByteBufAllocator alloc, ServerFrame frame) {
        ByteBuf out = alloc.buffer(frame.command().length() + frame.body().length + 64 + 32 * frame.headerCount());
        out.writeCharSequence(frame.command(), StandardCharsets.US_ASCII);
        out.writeByte('\n');
        writeHeadersAndBody(out, frame);
        return out;
    }

    /** CONNECTED with the given name/value pairs, unescaped as STOMP 1.2 requires. */
    static ByteBuf connected(ByteBufAllocator alloc, String... headers) {
        ByteBuf out = alloc.buffer(128);
        out.writeCharSequence("CONNECTED\n", StandardCharsets.US_ASCII);
        for (int i = 0; i < headers.length; i += 2) {
            ByteBufUtil.writeUtf8(out, headers[i]);
            out.writeByte(':');
            ByteBufUtil.writeUtf8(out, headers[i + 1]);
            out.writeByte('\n');
        }
        out.writeByte('\n').writeByte(0);
        return out;
    }

    /** A heart-beat: one EOL. */
    static ByteBuf heartbeat(ByteBufAllocator alloc) {
        return alloc.buffer(1).writeByte('\n');
    }

    private static void writeHeadersAndBody(ByteBuf out, ServerFrame frame) {
        for (int i = 0; i < frame.headerCount(); i++) {
            String name = frame.headerName(i);
            if (name.equals("content-length")) {
                continue;
            }
            ByteBufUtil.writeUtf8(out, escape(name));
            out.writeByte(':');
            String value = frame.headerValue(i);
            ByteBufUtil.writeUtf8(out, escape(value));
            out.writeByte('\n');
        }
        byte[] body = frame.body();
        if (body.length > 0) {
            out.writeCharSequence("content-length:", StandardCharsets.US_ASCII);
            out.writeCharSequence(Integer.toString(body.length), StandardCharsets.US_ASCII);
            out.writeByte('\n');
        }
        out.writeByte('\n');
        out.writeBytes(body);
        out.writeByte(0);
    }

    /** STOMP 1.2 header escaping; returns {@code value} itself when nothing needs escaping. */
    static String escape(String value) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == ':') {
                break;
            }
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case ':' -> out.append("\\c");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
