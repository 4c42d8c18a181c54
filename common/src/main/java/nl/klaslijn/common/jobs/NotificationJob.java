package nl.klaslijn.common.jobs;

import java.time.Instant;
import java.util.UUID;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job the notification worker gets for one portal event (version 1): enough to decide whom to push and what to
 * fetch, nothing personal (ids, the event's type, module and entity; no body, no title). The job id is the event id,
 * so a job enqueued twice (the relay delivers at least once) is recognised by the worker. {@code docs/events.md}.
 *
 * @param eventId the portal event's id, also the {@link Job#id()}
 * @param createdAt when the event was recorded (its {@code occurredAt})
 */
public record NotificationJob(UUID eventId, UUID schoolId, String eventType, String module, EntityRef entity,
        Audience audience, Instant createdAt) {

    /** The queue's stream name in Redis. */
    public static final String STREAM = "klaslijn:jobs:notifications";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public NotificationJob {
        if (eventId == null || schoolId == null || eventType == null || module == null || entity == null
                || audience == null || createdAt == null) {
            throw new IllegalArgumentException("every field of a notification job is required");
        }
    }

    public static NotificationJob of(PortalEvent event) {
        return new NotificationJob(event.eventId(), event.schoolId(), event.type(), event.module(), event.entity(),
                event.audience(), event.occurredAt());
    }

    public Job toJob() {
        return new Job(eventId.toString(), MAPPER.writeValueAsString(this));
    }

    /** Reads a job's body; throws {@link IllegalArgumentException} if it is not a notification job. */
    public static NotificationJob fromJob(Job job) {
        try {
            NotificationJob parsed = MAPPER.readValue(job.body(), NotificationJob.class);
            if (parsed == null || !parsed.eventId().toString().equals(job.id())) {
                throw new IllegalArgumentException("job " + job.id() + " is not a notification job for its id");
            }
            return parsed;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed notification job: " + e.getOriginalMessage());
        }
    }
}
