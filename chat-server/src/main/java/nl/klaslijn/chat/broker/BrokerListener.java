package nl.klaslijn.chat.broker;

/**
 * Receives what the broker delivers to this node. Called on engine threads; implementations must not
 * block (hand work off) and must not throw (a thrown exception is logged and dropped).
 */
public interface BrokerListener {

    /** A message on a channel this node is subscribed to. The array belongs to the receiver. */
    void message(String channel, byte[] payload);

    /** Live delivery may have stopped: messages may be lost from now until {@link #resumed()}; clients must resync. */
    default void interrupted() {}

    /** Live delivery is back and every subscribed channel is subscribed again. */
    default void resumed() {}
}
