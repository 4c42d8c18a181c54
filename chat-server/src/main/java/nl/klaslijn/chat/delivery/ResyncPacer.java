package nl.klaslijn.chat.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Paces the {@code resync} events of one node, so that a broker that flaps does not make every client
 * sync again and again.
 *
 * <p>Contract: two sends are never closer than {@code minInterval} (measured from the start of each send).
 * A request while no send happened within the interval is sent at once, on the caller's thread. A request
 * within the interval is never dropped: it is sent once the interval is over, on {@code executor}; further
 * requests until then fold into that one send, which carries the latest request (it is sent after every
 * folded request arrived, so a client that syncs on it sees everything each of them was about). Thread-safe.
 */
final class ResyncPacer<T> {

    private final long minNanos;
    private final Executor executor;
    private final Consumer<T> send;
    private final Object lock = new Object();
    /** Guarded by lock: when the last send started (System.nanoTime), if any, and a request waiting for its slot. */
    private boolean sentBefore;
    private long lastSent;
    private @Nullable T due;

    ResyncPacer(Duration minInterval, Executor executor, Consumer<T> send) {
        this.minNanos = minInterval.toNanos();
        this.executor = executor;
        this.send = send;
    }

    void request(T resync) {
        synchronized (lock) {
            if (due != null) {
                due = resync; // a send is already scheduled for the end of the interval: it carries this one
                return;
            }
            long now = System.nanoTime();
            long wait = sentBefore ? lastSent + minNanos - now : 0;
            if (wait > 0) {
                due = resync;
                CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, executor).execute(this::sendDue);
                return;
            }
            sentBefore = true;
            lastSent = now;
        }
        send.accept(resync);
    }

    private void sendDue() {
        T resync;
        synchronized (lock) {
            resync = due;
            due = null;
            sentBefore = true;
            lastSent = System.nanoTime();
        }
        if (resync != null) {
            send.accept(resync);
        }
    }
}
