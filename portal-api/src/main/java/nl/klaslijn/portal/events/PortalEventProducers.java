package nl.klaslijn.portal.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.portal.modules.ModulesChanged;
import nl.klaslijn.portal.schools.Schools;
import nl.klaslijn.portal.schools.GroupChanged;
import nl.klaslijn.portal.welcome.WelcomeTextChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The portal's own portal events, made from the features' domain events (the producers table in docs/events.md). Each
 * listener runs in the request that made the change and records before it answers. An entity's version is the change's
 * time in microseconds (the producer's clock), so a later change of the same entity has a higher version.
 */
@Component
class PortalEventProducers {

    /** A group name longer than this is cut in the event's title (the whole event stays within 1 KB). */
    static final int MAX_TITLE = 200;

    private final PortalEvents events;
    private final Schools schools;
    private final Clock clock;

    PortalEventProducers(PortalEvents events, Schools schools, Clock clock) {
        this.events = events;
        this.schools = schools;
        this.clock = clock;
    }

    /** {@code school.modules_changed}: everyone at the school refetches the module switches. */
    @EventListener
    void on(ModulesChanged changed) {
        Instant now = clock.instant();
        events.record(new PortalEvent(UUID.randomUUID(), "school.modules_changed", 1, changed.schoolId(),
                Audience.school(), "school", new EntityRef("modules", changed.schoolId().toString(), version(now)), now,
                Map.of()));
    }

    /** {@code group.changed}: the group's people refetch it; its name is the title (everyone in it may see it). */
    @EventListener
    void on(GroupChanged changed) {
        schools.group(changed.schoolId(), changed.groupId()).ifPresent(group -> {
            Instant now = clock.instant();
            String title = group.name().length() > MAX_TITLE ? group.name().substring(0, MAX_TITLE) : group.name();
            events.record(new PortalEvent(UUID.randomUUID(), "group.changed", 1, changed.schoolId(),
                    Audience.groups(List.of(changed.groupId())), "school",
                    new EntityRef("group", changed.groupId().toString(), version(now)), now, Map.of("title", title)));
        });
    }

    /** {@code school.welcome_changed}: everyone at the school refetches the welcome (the text is not in the event). */
    @EventListener
    void on(WelcomeTextChanged changed) {
        Instant now = clock.instant();
        events.record(new PortalEvent(UUID.randomUUID(), "school.welcome_changed", 1, changed.schoolId(),
                Audience.school(), "welcome", new EntityRef("welcome", changed.schoolId().toString(), version(now)), now,
                Map.of()));
    }

    private static long version(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
