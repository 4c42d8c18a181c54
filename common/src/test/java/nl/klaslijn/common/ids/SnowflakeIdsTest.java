package nl.klaslijn.common.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnowflakeIdsTest {

    private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    };

    @Test
    void idsStrictlyIncreaseWithinOneMillisecond() {
        SnowflakeIds ids = new SnowflakeIds(7, clock);
        long previous = ids.next();
        for (int i = 0; i < 10_000; i++) {
            long next = ids.next();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void idsNeverDecreaseWhenTheClockStepsBack() {
        SnowflakeIds ids = new SnowflakeIds(1, clock);
        long before = ids.next();
        millis.addAndGet(-5_000);
        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void timeOfReturnsTheIssueTime() {
        SnowflakeIds ids = new SnowflakeIds(3, clock);
        assertThat(SnowflakeIds.timeOf(ids.next())).isEqualTo(Instant.ofEpochMilli(millis.get()));
    }

    @Test
    void lowestAtIsAtMostEveryIdIssuedAtThatTime() {
        long id = new SnowflakeIds(SnowflakeIds.MAX_NODE, clock).next();
        assertThat(SnowflakeIds.lowestAt(clock.instant())).isLessThanOrEqualTo(id);
        assertThat(SnowflakeIds.lowestAt(clock.instant().plusMillis(1))).isGreaterThan(id);
    }

    @Test
    void differentNodesNeverCollide() {
        long a = new SnowflakeIds(1, clock).next();
        long b = new SnowflakeIds(2, clock).next();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rejectsNodeOutOfRange() {
        assertThatThrownBy(() -> new SnowflakeIds(1024, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
