package nl.klaslijn.portal.events;

import nl.klaslijn.common.events.PortalEvent;

/**
 * Published (synchronously, on the request thread) after {@link PortalEvents#record} wrote the event to the outbox:
 * for in-process observers such as the event-contract tests. Not the delivery path (that is the outbox and the relay).
 */
public record PortalEventRecorded(PortalEvent event) {}
