package nl.klaslijn.chat.core;

/**
 * The chat core's entry point for the transport. The transport authenticates a connection (CONNECT with
 * a valid token), sends CONNECTED, and then calls {@link #open}; from then on it passes SEND, SUBSCRIBE
 * and UNSUBSCRIBE frames to the returned handler. The transport itself answers CONNECT, DISCONNECT,
 * heart-beats, ACK/NACK and transactions, and enforces size, header and rate limits.
 */
public interface ChatCore {

    /** Registers an authenticated connection. Called once per connection, on its transport thread. */
    SessionHandler open(Connection connection);
}
