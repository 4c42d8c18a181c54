package nl.klaslijn.common.jobs;

import java.time.Duration;
import java.util.List;

/**
 * One consumer of a consumer group: the group's consumers share the queue's jobs, each job going to one of them at a
 * time. A consumer that dies (or is {@link #close closed}) holding jobs leaves them pending; a live one takes them over
 * with {@link #reclaim}. Not thread-safe: one thread per consumer.
 */
public interface JobConsumer extends AutoCloseable {

    /** Up to {@code max} jobs no consumer of the group has had yet, waiting up to {@code wait} for the first one. */
    List<ClaimedJob> claim(int max, Duration wait);

    /**
     * Takes over up to {@code max} jobs that another consumer (or this one) of the group has held unacknowledged for
     * at least {@code visibilityTimeout}; they are then this consumer's, and their idle time starts again.
     */
    List<ClaimedJob> reclaim(Duration visibilityTimeout, int max);

    /** The job is done: it is never delivered again to this group. Acking twice, or a job reclaimed since, is harmless. */
    void ack(ClaimedJob job);

    /** Stops this consumer; the jobs it holds stay pending for the others to reclaim. */
    @Override
    void close();
}
