package nl.klaslijn.chat.messages;

import java.time.Clock;
import java.time.Duration;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * When a send's writes count as "in time": stored before {@code budget} = in-flight window − 2 × max clock
 * skew has passed since its id was minted, on this node's wall clock (from the id's own timestamp) and, for
 * an id minted by this attempt, also on the monotonic clock (so a wall clock that steps back cannot stretch
 * it). A write in time is visible to every reader whose sync point could pass its id (ARCHITECTURE.md,
 * "Why no catch-up skips a message").
 */
public final class WriteDeadline {

    /** Marks an id this attempt did not mint (a retry's): only the wall clock check applies. */
    public static final long NOT_MINTED_HERE = Long.MIN_VALUE;

    private final Clock clock;
    private final long budgetMillis;

    /** The deadline every write that a sync point may pass must meet: {@link Messages#IN_FLIGHT_WINDOW} less twice the skew. */
    public static WriteDeadline forSkew(Clock clock, Duration maxClockSkew) {
        return new WriteDeadline(clock, Messages.IN_FLIGHT_WINDOW.minus(maxClockSkew.multipliedBy(2)));
    }

    WriteDeadline(Clock clock, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the in-flight window must exceed twice the allowed clock skew");
        }
        this.clock = clock;
        this.budgetMillis = budget.toMillis();
    }

    /** True when a write of {@code id} (minted at {@code mintedAtNanos}, or {@link #NOT_MINTED_HERE}) finishing now is in time. */
    public boolean met(long id, long mintedAtNanos) {
        boolean wall = clock.millis() <= SnowflakeIds.timeOf(id).toEpochMilli() + budgetMillis;
        boolean monotonic = mintedAtNanos == NOT_MINTED_HERE
                || System.nanoTime() - mintedAtNanos <= budgetMillis * 1_000_000L;
        return wall && monotonic;
    }
}
