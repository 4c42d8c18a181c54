package nl.klaslijn.chat.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A STOMP frame as the client sees it; the body is text (Klaslijn bodies are JSON or plain text). */
public record StompFrame(String command, Map<String, String> headers, String body) {

    public StompFrame {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public @Nullable String header(String name) {
        return headers.get(name);
    }

    /** Encodes for the wire, escaping header names and values as STOMP 1.2 requires (except on CONNECT). */
    String encode() {
        StringBuilder out = new StringBuilder(command).append('\n');
        boolean escape = !command.equals("CONNECT") && !command.equals("STOMP");
        headers.forEach((name, value) -> out.append(escape ? escape(name) : name).append(':')
                .append(escape ? escape(value) : value).append('\n'));
        return out.append('\n').append(body).append('\0').toString();
    }

    /** Parses one frame from a WebSocket text message; null for a heart-beat (only end-of-line characters). */
    static @Nullable StompFrame parse(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        if (start == text.length()) {
            return null;
        }
        int headerEnd = text.indexOf("\n\n", start);
        int crlfEnd = text.indexOf("\r\n\r\n", start);
        int bodyStart;
        if (headerEnd < 0 || (crlfEnd >= 0 && crlfEnd < headerEnd)) {
            headerEnd = crlfEnd;
            bodyStart = crlfEnd + 4;
        } else {
            bodyStart = headerEnd + 2;
        }
        if (headerEnd < 0) {
            throw new IllegalArgumentException("frame without a blank line after its headers");
        }
        String[] lines = text.substring(start, headerEnd).split("\r?\n");
        String command = lines[0];
        boolean unescape = !command.equals("CONNECTED");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("header line without a colon");
            }
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1);
            headers.putIfAbsent(unescape ? unescape(name) : name, unescape ? unescape(value) : value);
        }
        int end = text.indexOf('\0', bodyStart);
        String body = text.substring(bodyStart, end < 0 ? text.length() : end);
        return new StompFrame(command, headers, body);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\c").replace("\r", "\\r");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'c' -> ':';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
