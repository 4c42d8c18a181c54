package nl.klaslijn.chat.core;

/**
 * Receives one connection's frames. The transport calls it from one thread at a time, in frame order.
 * Implementations never block that thread (storage calls are asynchronous).
 */
public interface SessionHandler {

    /** A SEND, SUBSCRIBE or UNSUBSCRIBE frame, already checked against the transport's limits. */
    void onFrame(ClientFrame frame);

    /** The connection closed, for whatever reason. Called exactly once, after the last {@link #onFrame}. */
    void onClose();
}
