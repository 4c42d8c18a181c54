package nl.klaslijn.common.jobs;

/**
 * A job one consumer holds: it is pending (invisible to the group's other consumers) until the holder
 * {@link JobConsumer#ack acks} it, or until another consumer {@link JobConsumer#reclaim reclaims} it after the
 * visibility timeout because the holder seems dead.
 *
 * @param receipt the engine's handle of this delivery (a stream entry id), passed back to {@code ack}
 */
public record ClaimedJob(Job job, String receipt) {}
