package nl.klaslijn.chat.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.revocation.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node does when live delivery between nodes may have lost events: it tells its clients to resync
 * (paced: at most one {@code resync} per interval, never dropped), and once the broker is live again it
 * reloads revocations and re-reads what its sessions follow before the {@code resync} that says live delivery
 * is back. Events it dispatched locally only meanwhile are announced to the other nodes ({@link PeerNotice}).
 */
final class BrokerRecovery {

    private static final Logger log = LoggerFactory.getLogger(BrokerRecovery.class);
    private static final int REFOLLOW_BATCH = 500;

    private final LocalSessions sessions;
    private final Following following;
    private final Revocations revocations;
    private final LiveFrames frames;
    private final PeerNotice peerNotice;
    /** One catch-up at a time; the PEER_RESUMED of many nodes after a Redis restart fold into one more. */
    private final FoldingRunner<String> catchUps;
    /** At most one resync per interval reaches the clients; one asked for sooner is sent at its end, never dropped. */
    private final ResyncPacer<Resync> resyncs;
    /** The jitterMs every resync carries: clients wait a random time below it before they sync. */
    private final long resyncJitterMillis;

    /** One resync the clients are to be told: whether live delivery works, and why they should sync. */
    private record Resync(boolean live, String reason) {}

    BrokerRecovery(LocalSessions sessions, Following following, Revocations revocations, LiveFrames frames,
            PeerNotice peerNotice, Executor blockingWork, Duration resyncMinInterval, Duration resyncJitter) {
        this.sessions = sessions;
        this.following = following;
        this.revocations = revocations;
        this.frames = frames;
        this.peerNotice = peerNotice;
        this.catchUps = new FoldingRunner<>(blockingWork, this::catchUp);
        this.resyncs = new ResyncPacer<>(resyncMinInterval, blockingWork, this::sendResync);
        this.resyncJitterMillis = resyncJitter.toMillis();
    }

    /** The broker lost its link: clients are told live delivery is interrupted. */
    void interrupted() {
        log.warn("live delivery between nodes interrupted; clients on this node are told to resync");
        resync(false, "live-interrupted");
    }

    /**
     * Live again. Membership events published while the broker was down did not reach other nodes, so
     * every session here first re-reads which conversations it follows (in batches, so the reads do not
     * all hit Cassandra at once), then every session is told to resync. If this node dispatched events
     * locally only meanwhile, the other nodes are told to do the same ({@code PEER_RESUMED}).
     */
    void resumed() {
        catchUps.request("live-resumed");
        peerNotice.send();
    }

    /** Another node's sessions may have missed events that this node's sessions follow: catch up. */
    void peerResumed(LiveEvent notice) {
        if (peerNotice.concernsThisNode(notice)) {
            catchUps.request("peer-resumed");
        }
    }

    /** Every session here is told to sync; {@code live}: whether live delivery works now. */
    void resync(boolean live, String reason) {
        resyncs.request(new Resync(live, reason));
    }

    /** Revocations, followed conversations and every session's view may be stale: reload, refollow, resync. */
    private void catchUp(String reason) {
        try {
            revocations.reload();
        } catch (RuntimeException e) {
            log.warn("reloading revocations after missed live events failed", e);
        }
        refollowAll();
        log.info("clients on this node are told to resync ({})", reason);
        resync(true, reason);
    }

    private void refollowAll() {
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        sessions.forEach(session -> {
            if (session.eventsSubscription() != null) {
                batch.add(following.follow(session).toCompletableFuture());
            }
            if (batch.size() == REFOLLOW_BATCH) {
                awaitQuietly(batch);
            }
        });
        awaitQuietly(batch);
    }

    private static void awaitQuietly(List<CompletableFuture<Void>> batch) {
        try {
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("re-reading followed conversations after the broker came back did not finish for all sessions", e);
        }
        batch.clear();
    }

    private void sendResync(Resync resync) {
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, frames.nextEventId(),
                Wire.encode(new LiveViews.ResyncEvent(resync.live(), resync.reason(), resyncJitterMillis)),
                "event-type", "resync");
        sessions.forEach(session -> session.deliverEvent(frame));
    }
}
