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

    /** Any thread: queues one frame for the connection; wakes the loop if no drain is pending. */
    void post(NettyConnection connection, Object frame) {
        queue.offer(new Post(connection, frame));
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
