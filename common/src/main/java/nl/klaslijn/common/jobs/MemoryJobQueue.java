package nl.klaslijn.common.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The single-node engine: the same contract as {@link RedisJobQueue}, in this process's memory (so jobs last as long
 * as the process). Entries are numbered in enqueue order; a group remembers the last number it handed out and which
 * numbers are pending with whom since when. An entry is dropped once every group has handed it out and acked it.
 */
public final class MemoryJobQueue implements JobQueue {

    private final LongSupplier nanoTime;
    private final NavigableMap<Long, Job> entries = new TreeMap<>();
    private final Map<String, Group> groups = new HashMap<>();
    private long nextSeq = 1;
    private boolean closed;

    private static final class Group {
        long lastDelivered;
        final Map<Long, Pending> pending = new LinkedHashMap<>();
    }

    private record Pending(String consumer, long sinceNanos) {}

    public MemoryJobQueue() {
        this(System::nanoTime);
    }

    /** With a clock of its own (nanoseconds, as {@link System#nanoTime}) for the visibility timeout. */
    public MemoryJobQueue(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void enqueue(Job job) {
        requireOpen();
        entries.put(nextSeq++, job);
        notifyAll();
    }

    @Override
    public JobConsumer consumer(String group, String consumer) {
        synchronized (this) {
            requireOpen();
            groups.computeIfAbsent(group, g -> new Group());
        }
        return new Consumer(group, consumer);
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("job queue is closed");
        }
    }

    private synchronized List<ClaimedJob> claim(String groupName, String consumer, int max, Duration wait) {
        Group group = groups.get(groupName);
        long deadline = nanoTime.getAsLong() + wait.toNanos();
        while (!closed && entries.higherKey(group.lastDelivered) == null) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return List.of();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        List<ClaimedJob> claimed = new ArrayList<>();
        for (Map.Entry<Long, Job> e : entries.tailMap(group.lastDelivered, false).entrySet()) {
            if (claimed.size() >= max) {
                break;
            }
            group.lastDelivered = e.getKey();
            group.pending.put(e.getKey(), new Pending(consumer, nanoTime.getAsLong()));
            claimed.add(new ClaimedJob(e.getValue(), Long.toString(e.getKey())));
        }
        return claimed;
    }

    private synchronized List<ClaimedJob> reclaim(String groupName, String consumer, Duration timeout, int max) {
        Group group = groups.get(groupName);
        long now = nanoTime.getAsLong();
        List<ClaimedJob> claimed = new ArrayList<>();
        for (Map.Entry<Long, Pending> p : group.pending.entrySet()) {
            if (claimed.size() >= max) {
                break;
            }
            if (now - p.getValue().sinceNanos() >= timeout.toNanos()) {
                p.setValue(new Pending(consumer, now));
                claimed.add(new ClaimedJob(entries.get(p.getKey()), Long.toString(p.getKey())));
            }
        }
        return claimed;
    }

    private synchronized void ack(String groupName, ClaimedJob job) {
        long seq = Long.parseLong(job.receipt());
        groups.get(groupName).pending.remove(seq);
        dropDone();
    }

    /** Drops entries every group has handed out and none holds pending any more. */
    private void dropDone() {
        Iterator<Long> it = entries.keySet().iterator();
        while (it.hasNext()) {
            long seq = it.next();
            for (Group g : groups.values()) {
                if (g.lastDelivered < seq || g.pending.containsKey(seq)) {
                    return;
                }
            }
            it.remove();
        }
    }

    private final class Consumer implements JobConsumer {

        private final String group;
        private final String name;
        private boolean closed;

        Consumer(String group, String name) {
            this.group = group;
            this.name = name;
        }

        @Override
        public List<ClaimedJob> claim(int max, Duration wait) {
            requireOpenConsumer();
            return MemoryJobQueue.this.claim(group, name, max, wait);
        }

        @Override
        public List<ClaimedJob> reclaim(Duration visibilityTimeout, int max) {
            requireOpenConsumer();
            return MemoryJobQueue.this.reclaim(group, name, visibilityTimeout, max);
        }

        @Override
        public void ack(ClaimedJob job) {
            requireOpenConsumer();
            MemoryJobQueue.this.ack(group, job);
        }

        @Override
        public void close() {
            closed = true;
        }

        private void requireOpenConsumer() {
            if (closed) {
                throw new IllegalStateException("job consumer is closed");
            }
        }
    }
}
