package nl.klaslijn.chat.edge;

import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frames written to this event loop's connections from other threads (the chat core's fan-out), handed
 * over in bulk: the writer posts (connection, frame) pairs to a lock-free queue and wakes the loop with
 * one task per burst, not one per connection; the loop then writes every frame in order, straight into
 * each channel's pipeline, and flushes each connection it touched once.
 *
 * <p>Inside {@link #batched} (the fan-out of one live event) posts only queue: each mailbox posted to is
 * woken once when the outermost {@code batched} returns. Without it, an event loop that wakes while the
 * fan-out is still posting drains one frame, sleeps, and is woken again for the next: a wake-up (an
 * {@code eventfd} write and an {@code epoll_wait} return) per frame instead of per event.
 *
 * <p>Compared with Netty's own path for a write from another thread (a task object per write, plus a
 * wake-up task and a flush task per connection) a group message to N connections on one loop costs one
 * task. Frames posted from one thread are written in the order posted.
 */
final class LoopMailbox implements Runnable {

    private final EventLoop loop;
    private final Queue<Post> queue = PlatformDependent.newMpscQueue();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final List<NettyConnection> touched = new ArrayList<>();

    /** One frame for one connection (a single queue element, so concurrent posters never interleave). */
    private record Post(NettyConnection connection, Object frame) {}

    LoopMailbox(EventLoop loop) {
        this.loop = loop;
    }

    /** The posting thread's open {@link #batched} calls and the mailboxes they posted to. */
    private static final class Batch {
        int depth;
        final List<LoopMailbox> posted = new ArrayList<>(4);
    }

    private static final ThreadLocal<Batch> BATCH = ThreadLocal.withInitial(Batch::new);

    /** Runs {@code deliveries}; the mailboxes they post to are woken when the outermost call returns. */
    static void batched(Runnable deliveries) {
        Batch batch = BATCH.get();
        batch.depth++;
        try {
            deliveries.run();
        } finally {
            if (--batch.depth == 0) {
                List<LoopMailbox> posted = batch.posted;
                for (int i = 0; i < posted.size(); i++) {
                    posted.get(i).wake();
                }
                posted.clear();
            }
        }
    }

    /** Any thread: queues one frame for the connection; wakes the loop now, or at the end of the thread's batch. */
    void post(NettyConnection connection, Object frame) {
        queue.offer(new Post(connection, frame));
        Batch batch = BATCH.get();
        if (batch.depth == 0) {
            wake();
        } else if (!batch.posted.contains(this)) { // a handful of event loops: a list is cheapest
            batch.posted.add(this);
        }
    }

    /** Schedules a drain unless one is pending. */
    private void wake() {
        if (scheduled.compareAndSet(0, 1)) {
            loop.execute(this);
        }
    }

    /** Event loop: writes everything queued, then one flush per connection written to. */
    @Override
    public void run() {
        scheduled.set(0); // posts from here on schedule another drain; anything already queued is taken now
        for (Post post; (post = queue.poll()) != null; ) {
            NettyConnection target = post.connection();
            if (target.writeFromMailbox(post.frame()) && !target.inFlushBatch) {
                target.inFlushBatch = true;
                touched.add(target);
            }
        }
        for (NettyConnection target : touched) {
            target.inFlushBatch = false;
            target.flushNow();
        }
        touched.clear();
    }
}
