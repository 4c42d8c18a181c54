package nl.klaslijn.chat;

import java.time.Duration;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.core.SessionLimits;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.engines.EngineSettings;
import nl.klaslijn.chat.nodes.NodeSettings;
import nl.klaslijn.chat.retention.RetentionSettings;
import nl.klaslijn.common.auth.VerificationKeys;

/**
 * Everything a chat node needs besides its Cassandra session. Built with the short constructor and the
 * {@code with...} methods; each component has a default there.
 *
 * @param nodeId this node's Snowflake node id (0-1023), unique among the nodes of a cluster (leased: {@code nodes})
 * @param tokenKeys public keys that verify access tokens (portal-api's signing key, and any being rotated);
 *     a chat node holds no key that signs
 * @param bucketWidth time span of one message partition for conversations created from now on
 * @param membershipCacheTtl how long a node trusts its cached copy of a conversation's members
 * @param edge the transport's settings (port, limits, heart-beats)
 * @param broker the live fan-out between nodes (in memory for one node, Redis for a cluster)
 * @param revocationWindow how long revocations are kept in memory: at least the longest access-token lifetime
 * @param presenceNodeTimeout after how long without a heart-beat a node counts as lost (its users go
 *     offline); only for the Redis engine
 * @param tokenMaxLifetime tokens whose {@code exp - iat} is longer are refused
 * @param internalApi the internal API's own HTTP-only listener (host and port; port 0 picks a free one). Only the
 *     host, port, transport and HTTP limits of these settings are used
 * @param nodes the node id lease and the clock check (NodeSettings)
 * @param sessionLimits what one client may hold here: requests in flight, connections per user, sync reply bytes
 * @param retention the default chat history retention and how often it is swept
 */
public record ChatSettings(int nodeId, VerificationKeys tokenKeys, Duration bucketWidth, Duration membershipCacheTtl,
        EdgeSettings edge, BrokerSettings broker, Duration revocationWindow, Duration presenceNodeTimeout,
        Duration tokenMaxLifetime, EdgeSettings internalApi, NodeSettings nodes, SessionLimits sessionLimits,
        RetentionSettings retention) {

    public static final Duration DEFAULT_TOKEN_MAX_LIFETIME = Duration.ofHours(1);

    /**
     * One node with in-memory fan-out, a one-day revocation window, the internal API on a free loopback port, the
     * default node lease, session limits and retention.
     */
    public ChatSettings(int nodeId, VerificationKeys tokenKeys, Duration bucketWidth, Duration membershipCacheTtl,
            EdgeSettings edge) {
        this(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, BrokerSettings.memory(), Duration.ofDays(1),
                Duration.ofSeconds(15), DEFAULT_TOKEN_MAX_LIFETIME,
                EdgeSettings.builder().host("127.0.0.1").port(0).ioThreads(1).build(), NodeSettings.DEFAULTS,
                SessionLimits.defaults(), RetentionSettings.defaults());
    }

    /** What the engines (broker, presence) are built from: {@code broker} chooses memory or Redis for all of them. */
    public EngineSettings engines() {
        return new EngineSettings(broker, nodeId, presenceNodeTimeout);
    }

    public ChatSettings withBroker(BrokerSettings value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, value,
                revocationWindow, presenceNodeTimeout, tokenMaxLifetime, internalApi, nodes,
                sessionLimits, retention);
    }

    public ChatSettings withRevocationWindow(Duration value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker, value,
                presenceNodeTimeout, tokenMaxLifetime, internalApi, nodes, sessionLimits, retention);
    }

    public ChatSettings withPresenceNodeTimeout(Duration value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, value, tokenMaxLifetime, internalApi, nodes, sessionLimits,
                retention);
    }

    public ChatSettings withTokenMaxLifetime(Duration value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, presenceNodeTimeout, value, internalApi, nodes, sessionLimits,
                retention);
    }

    public ChatSettings withInternalApi(EdgeSettings value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, presenceNodeTimeout, tokenMaxLifetime, value, nodes, sessionLimits,
                retention);
    }

    public ChatSettings withNodes(NodeSettings value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, presenceNodeTimeout, tokenMaxLifetime, internalApi, value,
                sessionLimits, retention);
    }

    public ChatSettings withSessionLimits(SessionLimits value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, presenceNodeTimeout, tokenMaxLifetime, internalApi, nodes, value,
                retention);
    }

    public ChatSettings withRetention(RetentionSettings value) {
        return new ChatSettings(nodeId, tokenKeys, bucketWidth, membershipCacheTtl, edge, broker,
                revocationWindow, presenceNodeTimeout, tokenMaxLifetime, internalApi, nodes,
                sessionLimits, value);
    }
}
