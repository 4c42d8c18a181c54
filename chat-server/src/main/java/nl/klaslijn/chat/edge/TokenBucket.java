package nl.klaslijn.chat.edge;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket: {@code burst} tokens, refilled continuously at {@code perSecond}. Times are the event
 * loop's ticker nanos. Not thread-safe: one connection's bucket is used on its event loop only.
 */
final class TokenBucket {

    private final double perNano;
    private final int burst;
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst, long nowNanos) {
        this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** Takes one token; false (and nothing taken) when the bucket is empty. */
    boolean take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
