package nl.klaslijn.chat.core;

/**
 * What one client may hold on this node at a time (docs/protocol.md, "Limits").
 *
 * @param maxInFlight requests of one connection whose RECEIPT or reply is still pending; a frame arriving
 *     while this many are pending gets ERROR {@code too-many-in-flight}
 * @param maxConnectionsPerUser connections of one user on this node (a family's phones, tablets and
 *     browsers); the next CONNECT gets ERROR {@code too-many-connections}. Per node: in a cluster a user may
 *     hold this many on each node
 * @param syncReplyBytes how many bytes of messages and conversations one {@code /app/sync} reply may carry;
 *     a reply that reaches it is partial and names the cursor to continue from
 */
public record SessionLimits(int maxInFlight, int maxConnectionsPerUser, int syncReplyBytes) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 32;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 20;
    public static final int DEFAULT_SYNC_REPLY_BYTES = 256 * 1024;

    public SessionLimits {
        if (maxInFlight < 1 || maxConnectionsPerUser < 1 || syncReplyBytes < 1) {
            throw new IllegalArgumentException("session limits must be >= 1");
        }
    }

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_CONNECTIONS_PER_USER, DEFAULT_SYNC_REPLY_BYTES);
    }
}
