package nl.klaslijn.common.ids;

import java.time.Clock;
import java.time.Instant;

/**
 * Sortable 64-bit ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of node id, 12 bits of
 * sequence. Ids from one generator strictly increase; ids from different nodes order by time to the
 * millisecond. If the wall clock steps back, the generator keeps using its last timestamp (borrowing
 * from the future) rather than ever issuing a smaller id.
 *
 * <p>Thread-safe. Up to 4096 ids per millisecond per node; beyond that it advances its logical clock.
 */
public final class SnowflakeIds {

    /** 2025-01-01T00:00:00Z. 41 bits of milliseconds from here last until 2094. */
    public static final long EPOCH = 1_735_689_600_000L;

    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final long node;
    private final Clock clock;
    private long lastMillis = -1;
    private long sequence;

    public SnowflakeIds(int node, Clock clock) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node must be in 0.." + MAX_NODE + ", got " + node);
        }
        this.node = node;
        this.clock = clock;
    }

    public synchronized long next() {
        long now = clock.millis() - EPOCH;
        if (now > lastMillis) {
            lastMillis = now;
            sequence = 0;
        } else if (++sequence > SEQUENCE_MASK) {
            lastMillis++;
            sequence = 0;
        }
        return (lastMillis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }

    /** The time an id was issued, to the millisecond. */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli((id >>> (NODE_BITS + SEQUENCE_BITS)) + EPOCH);
    }

    /** The smallest id any node could issue at {@code time}: every id issued at or after it is at least this. */
    public static long lowestAt(Instant time) {
        long millis = Math.max(0, time.toEpochMilli() - EPOCH);
        return millis << (NODE_BITS + SEQUENCE_BITS);
    }
}
