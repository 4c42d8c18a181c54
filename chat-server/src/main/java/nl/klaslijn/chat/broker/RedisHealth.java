package nl.klaslijn.chat.broker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a {@link RedisBroker} is live, and tells the listener when that changes.
 *
 * <p>All state changes and all {@code interrupted()}/{@code resumed()} calls happen on one thread
 * (its own), so they strictly alternate. Every interval it pings the subscriber connection.
 *
 * <p>Slow is not down: one ping that fails or times out does not interrupt; {@code failedProbes} pings
 * in a row must (a frozen Redis, a black-holed network), and any successful ping starts the count again.
 * A slow Redis that still holds the subscriber connection loses no pub/sub message (it delivers them
 * late), so clients need not resync for it. A lost subscriber connection ({@link #connectionLost()},
 * from Lettuce) interrupts at once: the subscriptions went with it and messages published meanwhile were
 * missed. The first successful ping after an interruption resubscribes everything, and resumes only if no
 * disconnect happened in between (otherwise the next ping tries again). It also keeps the publisher
 * reconnecting.
 */
final class RedisHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisHealth.class);

    private final RedisBroker broker;
    private final BrokerListener listener;
    private final Duration interval;
    private final int failedProbes;
    private final RedisPublisher publisher;
    private final ScheduledExecutorService thread;
    private final AtomicLong disconnects = new AtomicLong();
    private volatile boolean live = true;
    private volatile boolean closed;
    // Touched only on the health thread:
    private boolean pingInFlight;
    private boolean resubscribing;
    /** Pings that failed in a row since the last successful one. */
    private int failuresInARow;

    RedisHealth(RedisBroker broker, BrokerListener listener, Duration interval, int failedProbes,
            RedisPublisher publisher) {
        this.broker = broker;
        this.listener = listener;
        this.interval = interval;
        this.failedProbes = failedProbes;
        this.publisher = publisher;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread health = new Thread(runnable, "klaslijn-broker-health");
            health.setDaemon(true);
            return health;
        });
    }

    void start() {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    boolean isLive() {
        return live;
    }

    /** Called by Lettuce (any thread) when the subscriber connection dropped. */
    void connectionLost() {
        disconnects.incrementAndGet();
        onHealthThread(this::interrupt);
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }

    private void tick() {
        publisher.ensureConnected();
        if (pingInFlight || resubscribing) {
            return;
        }
        pingInFlight = true;
        long generation = disconnects.get();
        broker.ping().whenComplete((pong, failure) -> onHealthThread(() -> {
            pingInFlight = false;
            if (failure != null) {
                failuresInARow++;
                if (failuresInARow >= failedProbes) {
                    interrupt();
                } else if (live) {
                    log.info("Redis health ping failed ({} of {} before the broker counts as interrupted)",
                            failuresInARow, failedProbes);
                }
                return;
            }
            failuresInARow = 0;
            if (!live) {
                resubscribe(generation);
            }
        }));
    }

    private void resubscribe(long generation) {
        resubscribing = true;
        broker.resubscribeAll().whenComplete((ignored, failure) -> onHealthThread(() -> {
            resubscribing = false;
            if (failure == null && !live && disconnects.get() == generation) {
                live = true;
                log.info("Redis broker resumed: live delivery is back");
                notifyListener(true);
            }
        }));
    }

    private void interrupt() {
        if (live) {
            live = false;
            log.warn("Redis broker interrupted: live delivery may be losing messages until Redis answers again");
            notifyListener(false);
        }
    }

    private void notifyListener(boolean resumed) {
        try {
            if (resumed) {
                listener.resumed();
            } else {
                listener.interrupted();
            }
        } catch (RuntimeException e) {
            log.warn("Broker listener failed on a health change", e);
        }
    }

    private void onHealthThread(Runnable action) {
        if (closed) {
            return;
        }
        try {
            thread.execute(() -> {
                if (!closed) {
                    action.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing.
        }
    }
}
