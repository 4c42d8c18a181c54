package nl.klaslijn.chat;

import java.time.Duration;
import nl.klaslijn.chat.edge.EdgeSettings;

/**
 * Everything a chat node needs besides its Cassandra session.
 *
 * @param nodeId this node's Snowflake node id (0-1023), unique among the nodes of a cluster
 * @param signingKey key that verifies access tokens (HS256, at least 32 bytes); shared with portal-api
 * @param bucketWidth time span of one message partition for conversations created from now on
 * @param membershipCacheTtl how long a node trusts its cached copy of a conversation's members
 * @param edge the transport's settings (port, limits, heart-beats)
 */
public record ChatSettings(int nodeId, byte[] signingKey, Duration bucketWidth, Duration membershipCacheTtl,
        EdgeSettings edge) {}
