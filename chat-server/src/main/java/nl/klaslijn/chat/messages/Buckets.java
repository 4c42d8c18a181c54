package nl.klaslijn.chat.messages;

import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * Maps message ids to the time bucket (partition) that holds them: bucket n covers the n-th span of
 * {@code bucketMillis} since {@link SnowflakeIds#EPOCH}. A conversation's width is fixed at creation.
 */
public final class Buckets {

    private static final int TIME_SHIFT = 22;

    private Buckets() {}

    public static long of(long messageId, long bucketMillis) {
        return (messageId >>> TIME_SHIFT) / bucketMillis;
    }

    /**
     * A write timestamp (microseconds since 1970) that orders like the message id, for cells that must
     * only move forward (last message, read pointer): a retry of an older write never overwrites a newer
     * one. Ids within the same millisecond map to distinct microseconds for the first thousand.
     */
    public static long writeTimestampMicros(long messageId) {
        long millis = SnowflakeIds.timeOf(messageId).toEpochMilli();
        long sequence = messageId & 0xFFF;
        return millis * 1000 + Math.min(999, sequence);
    }
}
