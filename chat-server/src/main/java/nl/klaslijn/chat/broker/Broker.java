package nl.klaslijn.chat.broker;

import java.util.concurrent.CompletionStage;

/**
 * This node's connection to the live fan-out between nodes. Delivery is at most once: a published
 * message reaches every node subscribed to its channel at that moment, once, or is lost; a node that
 * may have lost messages is told so through {@link BrokerListener#interrupted()}.
 *
 * <p>Contract shared by every engine (checked by the {@code BrokerContract} test suite):
 *
 * <ul>
 *   <li><b>Channels</b> are non-empty strings chosen by the caller (e.g. one per conversation).
 *   <li><b>Subscriptions are a set, not a count.</b> {@link #subscribe} and {@link #unsubscribe} are
 *       idempotent: subscribing twice then unsubscribing once leaves the channel unsubscribed. The
 *       caller keeps any reference counts (it knows which local sessions need a channel).
 *   <li>A message reaches the listener of every node subscribed to its channel, the publishing node
 *       included, as a {@code (channel, payload)} pair with the bytes unchanged. Messages one node
 *       publishes reach each other node in publish order.
 *   <li>{@link #publish} never blocks and never retries. Its stage completes when the engine accepted
 *       the message, or exceptionally ({@link BrokerUnavailableException}, or a timeout bounded by the
 *       engine's settings) when it could not; a failed publish may still have been delivered.
 *   <li>The listener is called on an engine thread (the publisher's thread in memory, an I/O thread
 *       for Redis) and must not block. Payload arrays handed to it are its own.
 *   <li>Health: the broker starts live. {@link BrokerListener#interrupted()} is called once when live
 *       delivery to this node may have stopped (connection or subscriptions lost); {@link
 *       BrokerListener#resumed()} once it is back, after every channel still subscribed has been
 *       subscribed again by the broker itself. The two alternate, starting with interrupted.
 *       Subscription changes made meanwhile are kept and applied on resumption.
 * </ul>
 */
public interface Broker extends AutoCloseable {

    /**
     * Publishes {@code payload} to {@code channel}, at most once. The caller must not change the array
     * afterwards.
     */
    CompletionStage<Void> publish(String channel, byte[] payload);

    /**
     * Adds {@code channel} to this node's subscriptions. The stage completes once messages published
     * afterwards are delivered here, or exceptionally if the engine is unreachable now; in that case
     * the channel stays subscribed and is applied on resumption.
     */
    CompletionStage<Void> subscribe(String channel);

    /**
     * Removes {@code channel} from this node's subscriptions; no message is delivered for it once the
     * stage completed (nor, in practice, after the call returns: late messages are filtered out).
     */
    CompletionStage<Void> unsubscribe(String channel);

    /** Whether live delivery is up: false between {@code interrupted()} and {@code resumed()}. */
    boolean isLive();

    /** Stops delivery and releases connections and threads; no listener call follows. Idempotent. */
    @Override
    void close();
}
