package nl.klaslijn.chat.portalevents;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import com.datastax.oss.driver.api.core.CqlSession;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.core.PortalCatchUps;
import nl.klaslijn.chat.delivery.LiveChannels;
import nl.klaslijn.chat.delivery.LiveEvent;
import nl.klaslijn.chat.delivery.LivePublisher;
import nl.klaslijn.chat.messages.WriteDeadline;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.nodes.NodeLease;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * The chat side of the portal event road: ingest (each event id claimed once, given a Snowflake id, stored in the
 * school's event log, then published once on the school's broker channel) and the pupils' guardians that GUARDIANS
 * audiences are checked against. Delivery and its per-recipient re-check: {@link PortalEventHandler}.
 */
public final class PortalEvents {

    /** The outcome of one batch: events stored and published now, and events some earlier call already delivered. */
    public record Ingested(int accepted, int duplicates) {}

    /** How long the event log and the claims are kept unless configured otherwise. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    /** How often one event may be logged again under a fresh id because its write was late, before the batch fails. */
    static final int MAX_REMINTS = 2;

    private final PortalEventStore store;
    private final SnowflakeIds ids;
    private final NodeLease lease;
    private final LivePublisher publisher;
    private final AudienceCheck check;
    private final PortalCatchUp catchUp;
    private final WriteDeadline deadline;

    /** @param maxClockSkew as for {@link nl.klaslijn.chat.messages.Messages}: the log writes meet the same deadline */
    public PortalEvents(CqlSession session, Duration window, SnowflakeIds ids, NodeLease lease,
            LivePublisher publisher, SchoolDirectory directory, Conversations conversations, Clock clock,
            Duration maxClockSkew) {
        this.store = new PortalEventStore(session, window);
        this.deadline = WriteDeadline.forSkew(clock, maxClockSkew);
        this.ids = ids;
        this.lease = lease;
        this.publisher = publisher;
        this.check = new AudienceCheck(directory, conversations, store);
        this.catchUp = new PortalCatchUp(store, check, window, clock);
    }

    /** What a sync's last page adds: the portal events the user missed, or the modules to refetch. */
    public PortalCatchUps catchUps() {
        return catchUp;
    }

    /** The handler to register with the live hub: delivers the published events to this node's sessions. */
    public PortalEventHandler handler(nl.klaslijn.chat.core.LocalSessions sessions) {
        return new PortalEventHandler(sessions, check);
    }

    /** Ingests valid events of {@code school}, in order; each event id is published at most once, ever. */
    public CompletionStage<Ingested> ingest(UUID school, List<PortalEvent> events) {
        CompletableFuture<int[]> chain = CompletableFuture.completedFuture(new int[2]);
        for (PortalEvent event : events) {
            chain = chain.thenCompose(counts -> ingestOne(school, event).thenApply(published -> {
                counts[published ? 0 : 1]++;
                return counts;
            }));
        }
        return chain.thenApply(counts -> new Ingested(counts[0], counts[1]));
    }

    /**
     * Claim, store, finish, publish. A claim found unfinished (an earlier attempt stopped half way) is finished by
     * this one; only the attempt whose finish wins publishes, so a retry never delivers twice. The log write must
     * meet the same deadline as a message's ({@link WriteDeadline}), so no sync point handed out passes an event
     * that is not yet readable; a late write is logged again under a fresh id (the late row may be replayed too:
     * clients dedupe by event id), at most {@value #MAX_REMINTS} times before the batch fails with 503 for the
     * relay to retry.
     */
    private CompletionStage<Boolean> ingestOne(UUID school, PortalEvent event) {
        lease.requireIssuing();
        String json = PortalEventJson.encodeToString(event);
        long minted = ids.next();
        long mintedAt = System.nanoTime();
        return store.claim(school, event.eventId(), minted).thenCompose(claim -> {
            if (claim.done()) {
                return CompletableFuture.completedFuture(false);
            }
            long startedAt = claim.mine() ? mintedAt : WriteDeadline.NOT_MINTED_HERE;
            return storeInTime(school, event.module(), json, claim.snowflake(), startedAt, 0)
                    .thenCompose(stored -> store.finish(school, event.eventId(), claim.snowflake(), stored)
                            .thenApply(won -> {
                                if (won) {
                                    publisher.publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.PORTAL,
                                            school, LiveEvent.NONE, LiveEvent.NONE, stored,
                                            json.getBytes(StandardCharsets.UTF_8)));
                                }
                                return won;
                            }));
        });
    }

    /** Logs the event under {@code id}, or under a fresh id when that write missed the deadline; the id used. */
    private CompletionStage<Long> storeInTime(UUID school, String module, String json, long id, long mintedAt,
            int remints) {
        return store.store(school, id, module, json).thenCompose(done -> {
            if (deadline.met(id, mintedAt)) {
                return CompletableFuture.completedFuture(id);
            }
            if (remints >= MAX_REMINTS) {
                throw new RequestException(ErrorCode.STORAGE_UNAVAILABLE,
                        "storage is too slow; post the events again");
            }
            lease.requireIssuing();
            return storeInTime(school, module, json, ids.next(), System.nanoTime(), remints + 1);
        });
    }

    /** Replaces the pupil's registered guardians (the whole set). */
    public CompletionStage<Void> putGuardians(UUID school, UUID pupil, Set<UUID> guardians) {
        return store.putGuardians(school, pupil, guardians);
    }

    /** The pupil left the school; idempotent. */
    public CompletionStage<Void> removePupil(UUID school, UUID pupil) {
        return store.removePupil(school, pupil);
    }
}
