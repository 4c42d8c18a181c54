package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;

/**
 * One authenticated client connection (one device), as the chat core sees it. The transport (Netty, in
 * {@code edge}) implements it; the core never sees transport types.
 *
 * <p>Contract: every method is thread-safe and never blocks. Frames are sent in the order the calls
 * were made from any one thread. The outbound queue is bounded: when a client stops reading and the
 * bound is passed, the connection closes itself with {@link ErrorCode#SLOW_CONSUMER} and further sends
 * are dropped (the client catches up from history when it reconnects).
 */
public interface Connection {

    /** Unique among this node's connections for the life of the process. */
    long id();

    /**
     * Who authenticated this connection. User, school, roles and session id are fixed for the connection's
     * lifetime; the token itself (its issue and expiry time) is replaced by {@link #renew}. The transport
     * closes the connection with {@link ErrorCode#TOKEN_EXPIRED} once the current token's expiry has passed.
     */
    AccessToken principal();

    /**
     * Replaces the connection's token after an in-band refresh, moving its expiry on. The caller has
     * verified {@code fresh} and checked that it names the same user, school, roles and session and
     * expires later than the current one.
     */
    void renew(AccessToken fresh);

    /** Sends a MESSAGE frame to one of this connection's subscriptions (adds the {@code subscription} header). */
    void deliver(String subscriptionId, ServerFrame message);

    /** Sends a RECEIPT frame. (ERROR frames go through {@link #close}.) */
    void send(ServerFrame frame);

    /** Sends an ERROR frame with this code and message, then closes the connection, as STOMP 1.2 requires. */
    void close(ErrorCode code, String message, @Nullable String receiptId);

    /** Same as {@link #close(ErrorCode, String, String)} without a receipt id. */
    default void close(ErrorCode code, String message) {
        close(code, message, null);
    }

    boolean isOpen();
}
