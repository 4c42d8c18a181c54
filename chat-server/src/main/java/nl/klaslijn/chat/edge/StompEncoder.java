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
 * body, NUL) is cached in the frame through {@link ServerFrame#encoded}, and {@link #framedMessage} (the
 * WebSocket frame header, {@code MESSAGE\nsubscription:<id>\n} and that tail) through
 * {@link ServerFrame#encodedFor}, per subscription id. All recipients with the same subscription id (in
 * practice all of them) share one array, written to each connection as it is.
 *
 * <p>Header names and values are escaped as STOMP 1.2 requires (backslash, LF, CR, colon), except in
 * CONNECTED, which the spec leaves unescaped. A {@code content-length} header is added whenever there is
 * a body (a {@code content-length} among the frame's own headers is ignored: we compute it).
 *
 * <p>This is a set of functions, not a pipeline encoder, on purpose: {@link NettyConnection} encodes on the
 * caller's thread and writes {@code TextWebSocketFrame}s (or, for a MESSAGE, the ready WebSocket frame as a
 * {@code ByteBuf}), so Netty's outbound accounting (write-buffer water marks, our hard cap on pending
 * bytes) sees the real size of every queued message.
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

    /**
     * One MESSAGE for a subscription as a complete, unmasked WebSocket text frame (RFC 6455 section 5.2:
     * FIN, opcode 1, 7/16/64-bit payload length, payload): the exact bytes a server puts on the wire. A
     * pure function of (frame, subscription id), so {@link ServerFrame#encodedFor} can cache it and every
     * recipient with that subscription id gets the same array.
     */
    static byte[] framedMessage(ServerFrame frame, String subscriptionId) {
        byte[] tail = frame.encoded(StompEncoder::messageTail);
        byte[] id = escape(subscriptionId).getBytes(StandardCharsets.UTF_8);
        int payload = MESSAGE_SUBSCRIPTION.length + id.length + 1 + tail.length;
        int header = payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
        byte[] out = new byte[header + payload];
        out[0] = (byte) 0x81; // FIN, text
        if (payload < 126) {
            out[1] = (byte) payload;
        } else if (payload <= 0xFFFF) {
            out[1] = 126;
            out[2] = (byte) (payload >>> 8);
            out[3] = (byte) payload;
        } else {
            out[1] = 127;
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) payload >>> (56 - 8 * i));
            }
        }
        int at = header;
        System.arraycopy(MESSAGE_SUBSCRIPTION, 0, out, at, MESSAGE_SUBSCRIPTION.length);
        at += MESSAGE_SUBSCRIPTION.length;
        System.arraycopy(id, 0, out, at, id.length);
        at += id.length;
        out[at++] = '\n';
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
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
