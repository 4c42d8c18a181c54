package nl.klaslijn.common.jobs;

/**
 * A durable queue of {@link Job}s with consumer groups (at-least-once delivery): a group sees the jobs enqueued before
 * its first consumer appeared as well as later ones, and within a group each job is held by one consumer at a time
 * until it is acknowledged. A queue serves one group (its worker); an acknowledged job is deleted from the queue. Engines: {@link MemoryJobQueue} (one node, the
 * default; jobs live as long as the process) and {@link RedisJobQueue} (a cluster; Redis Streams). Thread-safe.
 */
public interface JobQueue extends AutoCloseable {

    /** Appends the job; once this returns it is stored (in memory or in Redis). */
    void enqueue(Job job);

    /** A consumer named {@code consumer} in group {@code group} (created on first use). */
    JobConsumer consumer(String group, String consumer);

    @Override
    void close();
}
