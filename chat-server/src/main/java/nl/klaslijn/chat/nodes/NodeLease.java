package nl.klaslijn.chat.nodes;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's claim on its node id, and whether it may issue ids now.
 *
 * <p>Contract: {@link #claim} succeeds only when no other running node holds the id (a lightweight
 * transaction with a TTL); the lease is renewed every third of its TTL with {@code UPDATE ... IF owner = ?}.
 * {@link #requireIssuing()} passes only while (a) the lease is held: renewed within its TTL less twice the
 * allowed clock skew, measured on the monotonic clock from the moment the renewal was sent, and never lost to
 * another owner; and (b) this node's clock was within {@link NodeSettings#maxClockSkew()} of Cassandra's
 * at the last check (at claim and at each renewal). A lost lease is final: the node stops issuing ids for
 * good and must be restarted.
 */
public final class NodeLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final NodeLeaseStore store;
    private final int nodeId;
    private final NodeSettings settings;
    private final Clock clock;
    private final UUID owner = UUID.randomUUID();
    private final ScheduledExecutorService renewals;
    private volatile long validUntilNanos;
    private volatile boolean lost;
    private volatile boolean clockTrusted;

    private NodeLease(CqlSession session, int nodeId, NodeSettings settings, Clock clock) {
        this.store = new NodeLeaseStore(session);
        this.nodeId = nodeId;
        this.settings = settings;
        this.clock = clock;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "node-lease-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Claims {@code nodeId} or throws {@link NodeIdTakenException}; starts renewing it. */
    public static NodeLease claim(CqlSession session, int nodeId, NodeSettings settings, Clock clock) {
        NodeLease lease = new NodeLease(session, nodeId, settings, clock);
        long sent = System.nanoTime();
        if (!lease.store.claim(nodeId, lease.owner, clock.instant(), lease.ttlSeconds())) {
            lease.renewals.shutdownNow();
            throw new NodeIdTakenException(nodeId, settings.leaseTtl());
        }
        lease.heldFrom(sent);
        lease.checkClock();
        long period = settings.leaseTtl().toMillis() / 3;
        lease.renewals.scheduleWithFixedDelay(lease::renew, period, period, TimeUnit.MILLISECONDS);
        return lease;
    }

    /** Throws {@link NodeUnavailableException} unless this node may issue message ids now. */
    public void requireIssuing() {
        if (lost) {
            throw new NodeUnavailableException("this node lost its node id lease; reconnect to another node and retry"
                    + " with the same client message id");
        }
        if (System.nanoTime() - validUntilNanos > 0) {
            throw new NodeUnavailableException("this node could not renew its node id lease; reconnect to another node"
                    + " and retry with the same client message id");
        }
        requireClockTrusted();
    }

    /** Throws {@link NodeUnavailableException} when this node's clock is too far from Cassandra's to compute sync points. */
    public void requireClockTrusted() {
        if (!clockTrusted) {
            throw new NodeUnavailableException("this node's clock is off by more than the allowed skew; reconnect to"
                    + " another node and retry");
        }
    }

    public int nodeId() {
        return nodeId;
    }

    private int ttlSeconds() {
        return (int) settings.leaseTtl().toSeconds();
    }

    private void heldFrom(long sentNanos) {
        validUntilNanos = sentNanos + settings.leaseTtl().toNanos() - 2 * settings.maxClockSkew().toNanos();
    }

    private void renew() {
        if (lost) {
            return;
        }
        try {
            long sent = System.nanoTime();
            if (store.renew(nodeId, owner, clock.instant(), ttlSeconds())) {
                heldFrom(sent);
            } else {
                lost = true;
                log.error("node id {} was taken by another chat node: this node no longer issues message ids;"
                        + " give every node its own klaslijn.chat.node-id and restart this one", nodeId);
            }
            checkClock();
        } catch (RuntimeException e) {
            log.warn("renewing the lease of node id {} failed ({}); ids stop if it is not renewed in time", nodeId,
                    e.getClass().getSimpleName());
        }
    }

    /** Compares this node's clock with Cassandra's: the database time must fall within [before - skew, after + skew]. */
    private void checkClock() {
        if (!settings.clockChecked()) {
            clockTrusted = true;
            return;
        }
        long before = clock.millis();
        long database = store.databaseMillis();
        long after = clock.millis();
        long skew = settings.maxClockSkew().toMillis();
        boolean trusted = database >= before - skew && database <= after + skew;
        if (trusted != clockTrusted || !trusted) {
            if (trusted) {
                log.info("node {} clock agrees with Cassandra's again: issuing ids", nodeId);
            } else {
                log.error("node {} clock differs from Cassandra's by about {} ms (allowed: {}): this node issues no"
                        + " message ids and no sync points until it agrees; fix its time synchronisation", nodeId,
                        database - (before + after) / 2, skew);
            }
        }
        clockTrusted = trusted;
    }

    /** Stops renewing and releases the id, so a replacement can claim it at once. */
    @Override
    public void close() {
        renewals.shutdownNow();
        lost = true;
        try {
            store.release(nodeId, owner);
        } catch (RuntimeException e) {
            log.warn("releasing node id {} failed ({}); it frees itself after its TTL", nodeId, e.getClass().getSimpleName());
        }
    }
}
