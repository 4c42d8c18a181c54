package nl.klaslijn.portal.request;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A guessing limit was hit: answered 429 with {@code Retry-After} (whole seconds, at least 1). */
public final class TooManyAttemptsException extends ApiException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts; try again later.");
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
