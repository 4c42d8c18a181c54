package nl.klaslijn.portal.request;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The instance is at a bound it keeps to stay alive (e.g. every password-hashing permit is taken): answered 503
 * {@code server-busy} with {@code Retry-After} (whole seconds, at least 1). Nothing was done; the request may be sent
 * again unchanged.
 */
public final class ServerBusyException extends ApiException {

    private final Duration retryAfter;

    public ServerBusyException(Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "server-busy", "The server is busy; nothing was done. Try again shortly.");
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
