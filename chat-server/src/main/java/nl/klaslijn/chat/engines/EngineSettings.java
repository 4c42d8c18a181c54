package nl.klaslijn.chat.engines;

import java.time.Duration;
import nl.klaslijn.chat.broker.BrokerSettings;

/**
 * The one typed configuration the engines are built from: {@code broker.engine()} chooses memory (one node) or
 * Redis (a cluster) for every engine at once, and the Redis link settings in {@code broker} serve them all.
 *
 * @param broker the engine choice and the Redis link (uri, channel prefix, command timeout, request queue)
 * @param nodeId this node's id, under which the Redis presence engine keeps its entries and heart-beats
 * @param presenceNodeTimeout after how long without a heart-beat a node counts as lost (Redis engine only)
 */
public record EngineSettings(BrokerSettings broker, int nodeId, Duration presenceNodeTimeout) {}
