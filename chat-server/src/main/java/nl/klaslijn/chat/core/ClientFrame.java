package nl.klaslijn.chat.core;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A decoded client frame. Headers are already unescaped; where a header repeats, the first value wins
 * (STOMP 1.2). The body is the raw bytes between the blank line and the terminating NUL.
 */
public record ClientFrame(StompCommand command, Map<String, String> headers, byte[] body) {

    public ClientFrame {
        headers = Map.copyOf(headers);
    }

    public @Nullable String header(String name) {
        return headers.get(name);
    }
}
