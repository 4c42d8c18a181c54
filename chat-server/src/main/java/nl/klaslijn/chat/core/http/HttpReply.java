package nl.klaslijn.chat.core.http;

import java.nio.charset.StandardCharsets;

/** A reply to a plain HTTP request: status, content type and body. Errors use application/problem+json. */
public record HttpReply(int status, String contentType, byte[] body) {

    public static HttpReply json(int status, byte[] body) {
        return new HttpReply(status, "application/json", body);
    }

    /** An RFC 9457 problem body with a title and a detail. */
    public static HttpReply problem(int status, String title, String detail) {
        String json = "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":" + quote(title)
                + ",\"detail\":" + quote(detail) + "}";
        return new HttpReply(status, "application/problem+json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
