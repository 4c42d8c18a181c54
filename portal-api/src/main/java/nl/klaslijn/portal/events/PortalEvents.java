package nl.klaslijn.portal.events;

import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Where every module records its portal events (docs/events.md), in the request that makes the change: the event is
 * written to the outbox before {@link #record} returns, so once the request answers the event will reach the chat
 * server at least once, however long it is down. A failure here (the event is invalid or too large, Cassandra is
 * unavailable) throws and so fails the request; recording the same event (same id) again is harmless.
 */
@Service
public class PortalEvents {

    private final OutboxStore store;
    private final ObjectProvider<EventRelay> relay;
    private final ApplicationEventPublisher publisher;

    PortalEvents(OutboxStore store, ObjectProvider<EventRelay> relay, ApplicationEventPublisher publisher) {
        this.store = store;
        this.relay = relay;
        this.publisher = publisher;
    }

    /** Writes the event durably and wakes the relay; throws {@link IllegalArgumentException} for an invalid event. */
    public void record(PortalEvent event) {
        String json = PortalEventJson.encodeToString(event);
        store.insert(new OutboxRow(OutboxStore.shard(event.schoolId()), event.schoolId(), event.occurredAt(),
                event.eventId(), json));
        publisher.publishEvent(new PortalEventRecorded(event));
        relay.ifAvailable(EventRelay::wake);
    }
}
