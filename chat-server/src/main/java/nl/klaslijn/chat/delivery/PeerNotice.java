package nl.klaslijn.chat.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.klaslijn.chat.broker.Broker;

/**
 * Live events the other nodes never saw, and telling them so. An event is delivered on this node only
 * while the broker is not live ({@link #deliveredLocallyOnly()}); a publish that fails while it looks live
 * reaches nobody, this node included ({@link #publishFailed()}). Once the broker is live, {@link #send()}
 * publishes one {@code PEER_RESUMED} on the all-nodes channel, and every node it concerns catches up.
 *
 * <p>One attempt at a time; a failed one is retried every {@link #RETRY} while the broker is live (when it
 * is not, the hub calls {@link #send()} again on resumption). What is recorded during an attempt is sent by
 * another attempt after it. Thread-safe.
 */
final class PeerNotice {

    static final Duration RETRY = Duration.ofMillis(250);
    /** The value of a notice that its sender acts on too. */
    private static final long EVERY_NODE = 0L;

    private final Broker broker;
    /** Tells this node's own notices from other nodes' (never {@link #EVERY_NODE}). */
    private final long instance = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean thisNodeMissed = new AtomicBoolean();
    private final AtomicBoolean sending = new AtomicBoolean();

    PeerNotice(Broker broker) {
        this.broker = broker;
    }

    /** An event was delivered on this node only, because the broker was not live. Sends if it is live again. */
    void deliveredLocallyOnly() {
        pending.set(true);
        send(); // the broker may have come back between the caller's check and now
    }

    /** A publish failed while the broker looked live: nobody got the event, this node included. */
    void publishFailed() {
        thisNodeMissed.set(true);
        pending.set(true);
        send();
    }

    /** Publishes the notice if something is pending and the broker is live. */
    void send() {
        if (!broker.isLive() || !pending.get() || !sending.compareAndSet(false, true)) {
            return;
        }
        pending.set(false);
        boolean includingThisNode = thisNodeMissed.getAndSet(false);
        LiveEvent notice = new LiveEvent(LiveEvent.Kind.PEER_RESUMED, LiveEvent.NONE, LiveEvent.NONE, LiveEvent.NONE,
                includingThisNode ? EVERY_NODE : instance, new byte[0]);
        broker.publish(LiveChannels.ALL_NODES, notice.encode()).whenComplete((ok, error) -> {
            sending.set(false);
            if (error != null) {
                if (includingThisNode) {
                    thisNodeMissed.set(true);
                }
                pending.set(true);
                CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(this::send);
            } else if (pending.get()) {
                send();
            }
        });
    }

    /** Whether a received notice asks this node to catch up (not one this node sent for the others only). */
    boolean concernsThisNode(LiveEvent notice) {
        return notice.value() != instance;
    }
}
