package nl.klaslijn.chat.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.StompCommand;

/**
 * Parses one STOMP 1.2 frame from one complete WebSocket text message.
 *
 * <p>Why not Netty's {@code StompSubframeDecoder}: it is a streaming decoder for STOMP over raw TCP. It keeps
 * per-channel state (a replaying decoder with its own cumulation, current headers, content length), emits
 * sub-frames that need a further aggregator (more state), and knows nothing of the 1.2 rules we must
 * enforce (header count, line length, undefined escapes, no escaping in CONNECT). Over WebSocket a frame
 * always arrives whole in one message (the WebSocket layer aggregates and bounds it), so a pure function
 * over that message is enough: no state per connection at all, and every rule in one readable place.
 *
 * <p>Accepted: optional EOLs before the command (a message of only EOLs is a heart-beat), then command
 * line, header lines, blank line, body, NUL, optional trailing EOLs. EOL is LF or CR LF. Anything else
 * after the NUL is rejected: one frame per message. Header names and values are unescaped (\\ \n \c \r;
 * any other escape is an error) except in CONNECT and STOMP frames, which STOMP 1.2 leaves unescaped. The
 * first occurrence of a repeated header wins. {@code content-length}, when present, decides the body
 * length (the body may then contain NULs). A raw colon inside a value is tolerated (it belongs to the
 * value): some clients do not escape it.
 */
final class StompParser {

    /** What a message of only EOLs parses to. */
    static final Object HEARTBEAT = new Object() {
        @Override
        public String toString() {
            return "HEARTBEAT";
        }
    };

    private static final StompCommand[] COMMANDS = StompCommand.values();
    private static final byte[][] COMMAND_BYTES = new byte[COMMANDS.length][];

    static {
        for (int i = 0; i < COMMANDS.length; i++) {
            COMMAND_BYTES[i] = COMMANDS[i].name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final int maxHeaders;
    private final int maxLineBytes;

    StompParser(int maxHeaders, int maxLineBytes) {
        this.maxHeaders = maxHeaders;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Returns a {@link ClientFrame} or {@link #HEARTBEAT}; throws {@link StompException} saying what was wrong.
     * Reads the readable bytes of {@code message} without moving its indices.
     */
    Object parse(ByteBuf message) {
        int end = message.writerIndex();
        int i = skipEols(message, message.readerIndex(), end);
        if (i == end) {
            return HEARTBEAT;
        }
        int eol = message.indexOf(i, end, (byte) '\n');
        if (eol < 0) {
            throw malformed("command line not terminated");
        }
        int lineEnd = trimCr(message, i, eol);
        if (lineEnd - i > maxLineBytes) {
            throw new StompException(ErrorCode.FRAME_TOO_LARGE, "command line longer than " + maxLineBytes + " bytes");
        }
        StompCommand command = command(message, i, lineEnd);
        boolean unescape = command != StompCommand.CONNECT && command != StompCommand.STOMP;
        i = eol + 1;

        Map<String, String> headers = new HashMap<>();
        int count = 0;
        while (true) {
            eol = i < end ? message.indexOf(i, end, (byte) '\n') : -1;
            if (eol < 0) {
                throw malformed("headers not terminated by a blank line");
            }
            lineEnd = trimCr(message, i, eol);
            if (lineEnd == i) {
                i = eol + 1;
                break;
            }
            if (lineEnd - i > maxLineBytes) {
                throw new StompException(ErrorCode.FRAME_TOO_LARGE, "header line longer than " + maxLineBytes + " bytes");
            }
            if (++count > maxHeaders) {
                throw new StompException(ErrorCode.TOO_MANY_HEADERS, "more than " + maxHeaders + " headers");
            }
            int colon = message.indexOf(i, lineEnd, (byte) ':');
            if (colon < 0) {
                throw malformed("header line without colon");
            }
            if (colon == i) {
                throw malformed("header with empty name");
            }
            String name = text(message, i, colon, unescape);
            if (!headers.containsKey(name)) {
                headers.put(name, text(message, colon + 1, lineEnd, unescape));
            }
            i = eol + 1;
        }

        int bodyEnd;
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            int length = parseLength(contentLength);
            if (length >= end - i) {
                throw malformed("content-length " + length + " exceeds the frame");
            }
            bodyEnd = i + length;
            if (message.getByte(bodyEnd) != 0) {
                throw malformed("no NUL after content-length octets");
            }
        } else {
            bodyEnd = i < end ? message.indexOf(i, end, (byte) 0) : -1;
            if (bodyEnd < 0) {
                throw malformed("frame not terminated by NUL");
            }
        }
        byte[] body = bodyEnd == i ? ServerFrame.NO_BODY : ByteBufUtil.getBytes(message, i, bodyEnd - i);
        if (skipEols(message, bodyEnd + 1, end) != end) {
            throw malformed("data after the frame's NUL: one frame per WebSocket message");
        }
        return new ClientFrame(command, headers, body);
    }

    private static int skipEols(ByteBuf buf, int i, int end) {
        while (i < end) {
            byte b = buf.getByte(i);
            if (b == '\n') {
                i++;
            } else if (b == '\r' && i + 1 < end && buf.getByte(i + 1) == '\n') {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static int trimCr(ByteBuf buf, int start, int eol) {
        return eol > start && buf.getByte(eol - 1) == '\r' ? eol - 1 : eol;
    }

    private static StompCommand command(ByteBuf buf, int start, int end) {
        int length = end - start;
        for (int c = 0; c < COMMANDS.length; c++) {
            byte[] name = COMMAND_BYTES[c];
            if (name.length == length && matches(buf, start, name)) {
                return COMMANDS[c];
            }
        }
        throw new StompException(ErrorCode.UNSUPPORTED_COMMAND, "unknown command");
    }

    private static boolean matches(ByteBuf buf, int start, byte[] expected) {
        for (int k = 0; k < expected.length; k++) {
            if (buf.getByte(start + k) != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static String text(ByteBuf buf, int start, int end, boolean unescape) {
        if (!unescape || buf.indexOf(start, end, (byte) '\\') < 0) {
            return buf.toString(start, end - start, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = buf.getByte(i);
            if (b != '\\') {
                out[n++] = b;
                continue;
            }
            if (++i == end) {
                throw malformed("header ends in a lone backslash");
            }
            out[n++] = switch (buf.getByte(i)) {
                case 'n' -> (byte) '\n';
                case 'r' -> (byte) '\r';
                case 'c' -> (byte) ':';
                case '\\' -> (byte) '\\';
                default -> throw malformed("undefined escape sequence in header");
            };
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int parseLength(String value) {
        if (value.isEmpty() || value.length() > 9) {
            throw malformed("bad content-length");
        }
        int length = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < '0' || c > '9') {
                throw malformed("bad content-length");
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    private static StompException malformed(String message) {
        return new StompException(ErrorCode.MALFORMED_FRAME, message);
    }
}
