package nl.klaslijn.chat.core.http;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A plain HTTP request: method, path (without query), query string (may be empty), headers in lower case, body. */
public record HttpCall(String method, String path, String query, Map<String, String> headers, byte[] body) {

    public HttpCall {
        headers = Map.copyOf(headers);
    }

    public @Nullable String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
