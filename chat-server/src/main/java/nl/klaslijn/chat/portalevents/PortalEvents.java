package nl.klaslijn.chat.portalevents;

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

    private final PortalEventStore store;
    private final SnowflakeIds ids;
    private final NodeLease lease;
    private final LivePublisher publisher;
    private final AudienceCheck check;
    private final PortalCatchUp catchUp;

    public PortalEvents(CqlSession session, Duration window, SnowflakeIds ids, NodeLease lease,
            LivePublisher publisher, SchoolDirectory directory, Conversations conversations, Clock clock) {
        this.store = new PortalEventStore(session, window);
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
     * Claim, store, finish, publish. A claim found unfinished (an earlier attempt stopped half way) is finished under
     * its Snowflake id; only the attempt whose finish wins publishes, so a retry never delivers twice.
     */
    private CompletionStage<Boolean> ingestOne(UUID school, PortalEvent event) {
        lease.requireIssuing();
        String json = PortalEventJson.encodeToString(event);
        return store.claim(school, event.eventId(), ids.next()).thenCompose(claim -> {
            if (claim.done()) {
                return CompletableFuture.completedFuture(false);
            }
            return store.store(school, claim.snowflake(), event.module(), json)
                    .thenCompose(stored -> store.finish(school, event.eventId(), claim.snowflake()))
                    .thenApply(won -> {
                        if (won) {
                            publisher.publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.PORTAL, school,
                                    LiveEvent.NONE, LiveEvent.NONE, claim.snowflake(), json.getBytes(
                                            java.nio.charset.StandardCharsets.UTF_8)));
                        }
                        return won;
                    });
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
