package nl.klaslijn.chat.edge;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * One periodic task per event loop that sends server heart-beats and closes silent connections for all
 * authenticated connections on that loop. It replaces an {@code IdleStateHandler} per connection (a
 * handler, its context and up to three scheduled tasks each): a connection costs two list links here.
 *
 * <p>Event loop only, except {@link #size()}. Time is the loop's ticker in milliseconds, sampled once per
 * tick, so read/write stamps are at most one tick stale; the idle rules allow one tick of slack.
 *
 * <p>Token expiry: each tick also samples the wall clock once, and a connection whose access token's
 * {@code exp} is at or before it is closed with {@code token-expired} (so at most one tick late).
 */
final class ConnectionTimer implements Runnable {

    private final EventLoop loop;
    private final long tickMillis;
    private final long idleTimeoutMillis;
    private @Nullable NettyConnection head;
    private volatile int size;
    private long now;
    private @Nullable ScheduledFuture<?> task;
    private final LoopMailbox mailbox;

    private final Clock wallClock;

    ConnectionTimer(EventLoop loop, long tickMillis, long idleTimeoutMillis) {
        this(loop, tickMillis, idleTimeoutMillis, Clock.systemUTC());
    }

    ConnectionTimer(EventLoop loop, long tickMillis, long idleTimeoutMillis, Clock wallClock) {
        this.wallClock = wallClock;
        this.loop = loop;
        this.tickMillis = tickMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.now = clock();
        this.mailbox = new LoopMailbox(loop);
    }

    /** Where other threads post frames for this loop's connections. */
    LoopMailbox mailbox() {
        return mailbox;
    }

    void start() {
        task = loop.scheduleAtFixedRate(this, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    EventLoop loop() {
        return loop;
    }

    /** Milliseconds on this loop's clock, as of the last tick. */
    long now() {
        return now;
    }

    int size() {
        return size;
    }

    void add(NettyConnection c) {
        c.prev = null;
        c.next = head;
        if (head != null) {
            head.prev = c;
        }
        head = c;
        size++;
    }

    void remove(NettyConnection c) {
        if (c.prev == null && head != c) {
            return; // not linked
        }
        if (c.prev != null) {
            c.prev.next = c.next;
        } else {
            head = c.next;
        }
        if (c.next != null) {
            c.next.prev = c.prev;
        }
        c.prev = null;
        c.next = null;
        size--;
    }

    @Override
    public void run() {
        now = clock();
        long wallNow = wallClock.millis();
        for (NettyConnection c = head; c != null; ) {
            NettyConnection next = c.next; // c may unlink itself
            c.onTick(now, tickMillis, idleTimeoutMillis, wallNow);
            c = next;
        }
    }

    /** Tells every connection on this loop to go (ERROR with {@code code}, then close). */
    void closeAll(ErrorCode code, String message) {
        for (NettyConnection c = head; c != null; c = c.next) {
            c.close(code, message);
        }
    }

    private long clock() {
        return TimeUnit.NANOSECONDS.toMillis(loop.ticker().nanoTime());
    }
}
