package nl.klaslijn.chat.nodes;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.util.UUID;

/** Cassandra access for node id leases (lightweight transactions) and for Cassandra's own clock. */
final class NodeLeaseStore {

    private final CqlSession session;
    private final PreparedStatement claim;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    private final PreparedStatement databaseNow;

    NodeLeaseStore(CqlSession session) {
        this.session = session;
        claim = session.prepare("INSERT INTO node_leases (node_id, owner, claimed_at) VALUES (?, ?, ?)"
                + " IF NOT EXISTS USING TTL ?");
        renew = session.prepare("UPDATE node_leases USING TTL ? SET owner = ?, claimed_at = ? WHERE node_id = ?"
                + " IF owner = ?");
        release = session.prepare("DELETE FROM node_leases WHERE node_id = ? IF owner = ?");
        databaseNow = session.prepare(SimpleStatement.newInstance(
                "SELECT toTimestamp(now()) AS now FROM system.local").setIdempotent(true));
    }

    /** True when the lease was free and is now {@code owner}'s. */
    boolean claim(int nodeId, UUID owner, Instant claimedAt, int ttlSeconds) {
        return session.execute(claim.bind(nodeId, owner, claimedAt, ttlSeconds)).wasApplied();
    }

    /** True when {@code owner} still held the lease and it lives another {@code ttlSeconds}. */
    boolean renew(int nodeId, UUID owner, Instant claimedAt, int ttlSeconds) {
        return session.execute(renew.bind(ttlSeconds, owner, claimedAt, nodeId, owner)).wasApplied();
    }

    void release(int nodeId, UUID owner) {
        session.execute(release.bind(nodeId, owner));
    }

    /** The coordinator's clock, in epoch milliseconds. */
    long databaseMillis() {
        return session.execute(databaseNow.bind()).one().getInstant("now").toEpochMilli();
    }
}
