package nl.klaslijn.chat.nodes;

import java.time.Duration;

/**
 * How a node holds its id and checks its clock.
 *
 * @param leaseTtl how long a node id lease lives without renewal (renewed every third of it); a crashed
 *     node's id is free again after this
 * @param maxClockSkew how far this node's clock may be from Cassandra's ({@code now()} of the coordinator);
 *     the send path keeps twice this as margin inside the in-flight window
 * @param clockChecked whether a node whose clock is further off refuses to issue ids and sync points (off only
 *     for tests that move a node's clock by days)
 */
public record NodeSettings(Duration leaseTtl, Duration maxClockSkew, boolean clockChecked) {

    public static final NodeSettings DEFAULTS = new NodeSettings(Duration.ofSeconds(20), Duration.ofSeconds(2), true);

    public NodeSettings {
        if (leaseTtl.toSeconds() < 3) {
            throw new IllegalArgumentException("klaslijn.chat.node-lease-ttl must be at least 3s");
        }
        if (maxClockSkew.isNegative() || maxClockSkew.compareTo(Duration.ofSeconds(4)) > 0) {
            throw new IllegalArgumentException("klaslijn.chat.max-clock-skew must be between 0 and 4s");
        }
    }
}
