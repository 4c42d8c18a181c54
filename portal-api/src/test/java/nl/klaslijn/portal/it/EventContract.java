package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import tools.jackson.databind.JsonNode;

/**
 * The event-contract harness (Zulip's {@code verify_action}): fetch the client-visible state of the named entities,
 * run the action, capture the events it recorded (the school's outbox rows that are new; the relay is off in these
 * tests), fetch again, and check that refetching exactly the entities the events name turns the before-state into the
 * after-state, that every event names an entity that changed, with a version above the one it had, and that every
 * event is of the school. Returns the captured events for the test's own checks.
 */
final class EventContract {

    /** An entity a client holds: kind and id as events name them. */
    record Key(String kind, String id) {}

    private final CqlSession session;
    private final UUID school;
    private final Map<String, Function<String, JsonNode>> fetchers;

    /** {@code fetchers}: per entity kind, how a client fetches one entity by id (its client-visible JSON). */
    EventContract(CqlSession session, UUID school, Map<String, Function<String, JsonNode>> fetchers) {
        this.session = session;
        this.school = school;
        this.fetchers = fetchers;
    }

    List<PortalEvent> verify(List<Key> state, Runnable action) {
        Map<Key, JsonNode> before = fetch(state);
        List<UUID> known = outbox().stream().map(PortalEvent::eventId).toList();
        action.run();
        List<PortalEvent> events = outbox().stream().filter(e -> !known.contains(e.eventId())).toList();
        Map<Key, JsonNode> after = fetch(state);

        Map<Key, JsonNode> applied = new HashMap<>(before);
        Map<Key, Long> versions = new HashMap<>();
        for (PortalEvent event : events) {
            assertThat(event.schoolId()).isEqualTo(school);
            Key key = new Key(event.entity().kind(), event.entity().id());
            assertThat(state).as("event %s names an entity of the state", event.type()).contains(key);
            assertThat(after.get(key)).as("event %s names an entity that changed", event.type())
                    .isNotEqualTo(before.get(key));
            assertThat(event.entity().version()).isGreaterThan(versions.getOrDefault(key, -1L));
            versions.put(key, event.entity().version());
            applied.put(key, fetchers.get(key.kind()).apply(key.id()));
        }
        assertThat(applied).as("the before-state with the events applied").isEqualTo(after);
        return events;
    }

    private Map<Key, JsonNode> fetch(List<Key> state) {
        Map<Key, JsonNode> fetched = new HashMap<>();
        state.forEach(key -> fetched.put(key, fetchers.get(key.kind()).apply(key.id())));
        return fetched;
    }

    private List<PortalEvent> outbox() {
        return session.execute("SELECT event FROM portal_event_outbox WHERE shard = ? AND school_id = ?",
                Math.floorMod(school.hashCode(), 8), school).all().stream()
                .map(r -> PortalEventJson.decode(r.getString(0))).toList();
    }
}
