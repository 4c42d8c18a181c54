package nl.klaslijn.chat.edge;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test-side view of STOMP frames as text: build client frames, read server frames. */
final class StompText {

    record Frame(String command, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private StompText() {}

    /** {@code frame("SEND", "destination", "/x", "receipt", "1")} with an empty body. */
    static String frame(String command, String... headers) {
        return frameWithBody(command, "", headers);
    }

    static String frameWithBody(String command, String body, String... headers) {
        StringBuilder out = new StringBuilder(command).append('\n');
        for (int i = 0; i < headers.length; i += 2) {
            out.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
        }
        return out.append('\n').append(body).append('\0').toString();
    }

    static TextWebSocketFrame ws(String text) {
        return new TextWebSocketFrame(text);
    }

    /** Parses a server frame (unescaping headers unless CONNECTED) and releases the WebSocket frame. */
    static Frame read(TextWebSocketFrame frame) {
        try {
            return parse(frame.content().toString(StandardCharsets.UTF_8));
        } finally {
            frame.release();
        }
    }

    static Frame parse(String text) {
        int nul = text.lastIndexOf('\0');
        if (nul < 0) {
            throw new AssertionError("no NUL in " + text);
        }
        int blank = text.indexOf("\n\n");
        String[] lines = text.substring(0, blank).split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1);
            if (!lines[0].equals("CONNECTED")) {
                value = unescape(value);
                name = unescape(name);
            }
            headers.putIfAbsent(name, value);
        }
        return new Frame(lines[0], headers, text.substring(blank + 2, nul));
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            out.append(switch (next) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'c' -> ':';
                case '\\' -> '\\';
                default -> throw new AssertionError("bad escape in " + s);
            });
        }
        return out.toString();
    }
}
