package nl.klaslijn.portal.events;

import java.time.Instant;
import java.util.UUID;

/** One event in the outbox: where it sits (shard, school, recording time, id) and its JSON ({@code PortalEventJson}). */
record OutboxRow(int shard, UUID schoolId, Instant recordedAt, UUID eventId, String json) {}
