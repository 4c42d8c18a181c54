package nl.klaslijn.chat.portalevents;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.PortalCatchUps;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import nl.klaslijn.common.ids.SnowflakeIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal part of a sync (docs/protocol.md, /app/sync): the school's logged events with ids in (since, upTo],
 * each re-checked for the user as at live delivery, oldest first. A {@code since} of 0 (a new client, which fetches
 * every module anyway) replays nothing. Where the events cannot all be replayed, the reply names the modules to fetch
 * again instead: {@code since} older than the retained window (less an hour's margin, so no event expires while it is
 * read), or more than {@value #MAX_EVENTS} logged events in the span; those modules are the ones with an event after
 * {@code since} (their last event id is kept without TTL), so nothing changed goes unnoticed.
 */
final class PortalCatchUp implements PortalCatchUps {

    /** The most portal events one sync reply replays (about 200 KB at the 1 KB bound). */
    static final int MAX_EVENTS = 200;
    private static final Duration MARGIN = Duration.ofHours(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PortalEventStore store;
    private final AudienceCheck check;
    private final Duration replayable;
    private final Clock clock;

    PortalCatchUp(PortalEventStore store, AudienceCheck check, Duration window, Clock clock) {
        this.store = store;
        this.check = check;
        this.replayable = window.minus(MARGIN);
        this.clock = clock;
    }

    @Override
    public CompletionStage<Views.PortalCatchUp> since(AccessToken who, long since, long upTo) {
        if (since <= 0 || upTo <= since) {
            return CompletableFuture.completedFuture(Views.PortalCatchUp.NONE);
        }
        if (SnowflakeIds.timeOf(since).isBefore(clock.instant().minus(replayable))) {
            return refetch(who, since);
        }
        return store.events(who.schoolId(), since, upTo, MAX_EVENTS + 1).thenCompose(logged -> {
            if (logged.size() > MAX_EVENTS) {
                return refetch(who, since);
            }
            List<CompletableFuture<JsonNode>> checked = new ArrayList<>();
            for (String json : logged) {
                PortalEvent event = PortalEventJson.decode(json);
                checked.add(check.audienceMembers(who.schoolId(), event.audience())
                        .thenCompose(members -> check.allows(who.schoolId(), who.userId(), event.audience(), members))
                        .thenApply(allowed -> allowed ? JSON.readTree(json) : null)
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(checked.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<JsonNode> events = new ArrayList<>();
                checked.forEach(c -> {
                    JsonNode node = c.join();
                    if (node != null) {
                        events.add(node);
                    }
                });
                return new Views.PortalCatchUp(events, List.of());
            });
        });
    }

    private CompletionStage<Views.PortalCatchUp> refetch(AccessToken who, long since) {
        return store.modulesSince(who.schoolId(), since).thenApply(modules ->
                new Views.PortalCatchUp(List.of(), modules));
    }
}
