package nl.klaslijn.portal.request;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets per key (a client address, a token prefix, an e-mail key), in this node's memory: each key may make
 * {@code burst} attempts at once and then {@code perMinute} a minute. Keys idle for ten minutes are forgotten and at
 * most 100,000 are kept (the oldest go first), so a flood of keys cannot exhaust memory. A cluster of N nodes allows
 * up to N times the limit; with tokens of at least 128 random bits that still leaves guessing hopeless.
 *
 * <p>Thread-safe. Keys must not be personal data in clear (callers pass addresses, prefixes or hashes).
 */
public final class AttemptLimiter {

    private final Cache<String, Bucket> buckets;
    private final double perMilli;
    private final int burst;
    private final Clock clock;

    public AttemptLimiter(int perMinute, int burst, Clock clock) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("perMinute and burst must be positive");
        }
        this.perMilli = perMinute / 60_000.0;
        this.burst = burst;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** Takes one attempt from {@code key}'s bucket, or throws {@link TooManyAttemptsException} if it is empty. */
    public void acquire(String key) {
        Bucket bucket = buckets.get(key, k -> new Bucket(burst, clock.millis()));
        long wait = bucket.take(clock.millis(), perMilli, burst);
        if (wait > 0) {
            throw new TooManyAttemptsException(Duration.ofMillis(wait));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        /** 0 if a token was taken; otherwise the milliseconds until one is available. */
        synchronized long take(long now, double perMilli, int burst) {
            tokens = Math.min(burst, tokens + Math.max(0, now - updatedAt) * perMilli);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perMilli);
        }
    }
}
