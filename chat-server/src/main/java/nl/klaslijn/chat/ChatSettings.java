package nl.klaslijn.chat;

import java.time.Duration;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.retention.RetentionSettings;

/**
 * Everything a chat node needs besides its Cassandra session.
 *
 * @param nodeId this node's Snowflake node id (0-1023), unique among the nodes of a cluster
 * @param signingKey key that verifies access tokens (HS256, at least 32 bytes); shared with portal-api
 * @param bucketWidth time span of one message partition for conversations created from now on
 * @param membershipCacheTtl how long a node trusts its cached copy of a conversation's members
 * @param edge the transport's settings (port, limits, heart-beats)
 * @param broker the live fan-out between nodes (in memory for one node, Redis for a cluster)
 * @param revocationWindow how long revocations are kept in memory: at least the longest access-token lifetime
 * @param presenceNodeTimeout after how long without a heart-beat a node counts as lost (its users go
 *     offline); only for the Redis engine
 * @param retention the default chat history retention and how often it is swept
 */
public record ChatSettings(int nodeId, byte[] signingKey, Duration bucketWidth, Duration membershipCacheTtl,
        EdgeSettings edge, BrokerSettings broker, Duration revocationWindow, Duration presenceNodeTimeout,
        RetentionSettings retention) {

    /** The default retention (730 days, swept every 6 hours). */
    public ChatSettings(int nodeId, byte[] signingKey, Duration bucketWidth, Duration membershipCacheTtl,
            EdgeSettings edge, BrokerSettings broker, Duration revocationWindow, Duration presenceNodeTimeout) {
        this(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, broker, revocationWindow, presenceNodeTimeout,
                RetentionSettings.defaults());
    }

    /** One node with in-memory fan-out and a one-day revocation window. */
    public ChatSettings(int nodeId, byte[] signingKey, Duration bucketWidth, Duration membershipCacheTtl,
            EdgeSettings edge) {
        this(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, BrokerSettings.memory(), Duration.ofDays(1),
                Duration.ofSeconds(15));
    }

    public ChatSettings withBroker(BrokerSettings value) {
        return new ChatSettings(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, value, revocationWindow,
                presenceNodeTimeout, retention);
    }

    public ChatSettings withRevocationWindow(Duration value) {
        return new ChatSettings(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, broker, value,
                presenceNodeTimeout, retention);
    }

    public ChatSettings withPresenceNodeTimeout(Duration value) {
        return new ChatSettings(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, broker, revocationWindow,
                value, retention);
    }

    public ChatSettings withRetention(RetentionSettings value) {
        return new ChatSettings(nodeId, signingKey, bucketWidth, membershipCacheTtl, edge, broker, revocationWindow,
                presenceNodeTimeout, value);
    }
}
