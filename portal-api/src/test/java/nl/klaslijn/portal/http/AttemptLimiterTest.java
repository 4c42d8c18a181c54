package nl.klaslijn.portal.http;

import nl.klaslijn.portal.request.AttemptLimiter;
import nl.klaslijn.portal.request.TooManyAttemptsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {

    private Instant now = Instant.parse("2026-09-01T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void allowsTheBurstThenRefusesWithTheWaitUntilTheNextAttempt() {
        AttemptLimiter limiter = new AttemptLimiter(6, 3, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ip:1");
        }

        assertThatThrownBy(() -> limiter.acquire("ip:1"))
                .isInstanceOfSatisfying(TooManyAttemptsException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(10));
    }

    @Test
    void refillsAtTheSustainedRate() {
        AttemptLimiter limiter = new AttemptLimiter(6, 1, clock);
        limiter.acquire("k");

        now = now.plus(Duration.ofSeconds(10));

        limiter.acquire("k");
        assertThatThrownBy(() -> limiter.acquire("k")).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void keysAreLimitedIndependently() {
        AttemptLimiter limiter = new AttemptLimiter(1, 1, clock);
        limiter.acquire("prefix:ABCD");

        limiter.acquire("prefix:EFGH");
        assertThatThrownBy(() -> limiter.acquire("prefix:ABCD")).isInstanceOf(TooManyAttemptsException.class);
    }
}
