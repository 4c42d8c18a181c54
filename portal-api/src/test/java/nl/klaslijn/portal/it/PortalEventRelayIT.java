package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.jobs.ClaimedJob;
import nl.klaslijn.common.jobs.JobConsumer;
import nl.klaslijn.common.jobs.JobQueue;
import nl.klaslijn.common.jobs.NotificationJob;
import nl.klaslijn.devstack.redis.TestRedis;
import nl.klaslijn.portal.events.PortalEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * portal-api's side of the event road, end to end in this JVM: a change made through the HTTP API is recorded in the
 * outbox, the relay delivers it to the chat's events endpoint (here {@link StandInChat}, a stand-in for the chat
 * server's internal API on a real port, so refusals and outages can be staged; PortalRoadIT runs the road against the
 * real chat node) and enqueues its notification
 * job on the real redis-server ({@link TestRedis}); the chat sync pushes each pupil's guardians. Real Cassandra.
 */
class PortalEventRelayIT extends PortalIT {

    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void relay(DynamicPropertyRegistry registry) {
        registry.add("klaslijn.chat.internal-url", () -> StandInChat.shared().url());
        registry.add("klaslijn.events.relay.enabled", () -> "true");
        registry.add("klaslijn.events.relay.interval", () -> "200ms");
        registry.add("klaslijn.events.relay.max-backoff", () -> "1s");
        registry.add("klaslijn.chat.sync.enabled", () -> "true");
        registry.add("klaslijn.chat.sync.interval", () -> "300ms");
        registry.add("klaslijn.chat.sync.max-backoff", () -> "1s");
        registry.add("klaslijn.chat.sync.request-timeout", () -> "2s");
        registry.add("klaslijn.jobs.engine", () -> "redis");
        registry.add("klaslijn.jobs.redis.uri", () -> TestRedis.shared().uri());
    }

    @Autowired
    CqlSession session;

    @Autowired
    PortalEvents events;

    @Autowired
    JobQueue jobs;

    StandInChat chat;

    @BeforeEach
    void chatIsUp() {
        chat = StandInChat.shared();
        chat.start();
    }

    @Test
    void aGroupChangeReachesTheChatAsAnEventAndYieldsItsNotificationJob() {
        SchoolFixture school = school("Relay group");
        UUID group = school.group("5A");

        PortalEvent event = awaitEvent(school.schoolId, "group.changed");

        assertThat(event.audience()).isEqualTo(Audience.groups(List.of(group)));
        assertThat(event.entity().kind()).isEqualTo("group");
        assertThat(event.entity().id()).isEqualTo(group.toString());
        assertThat(event.body()).containsExactly(Map.entry("title", "5A"));
        assertThat(awaitJob(event.eventId())).isEqualTo(NotificationJob.of(event));
        await().atMost(DELIVERED_WITHIN).until(() -> outbox(school.schoolId).isEmpty());
    }

    @Test
    void eventsRecordedWhileTheChatIsDownAreDeliveredWhenItComesBack() {
        SchoolFixture school = school("Relay outage");
        chat.stop();

        Api.Response off = api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", false));
        assertThat(off.status()).isEqualTo(200);
        List<UUID> waiting = outbox(school.schoolId);
        assertThat(waiting).hasSize(1); // recorded in the request, before it answered; not delivered while down

        chat.start();

        PortalEvent event = awaitEvent(school.schoolId, "school.modules_changed");
        assertThat(event.eventId()).isEqualTo(waiting.get(0));
        assertThat(event.audience()).isEqualTo(Audience.school());
        await().atMost(DELIVERED_WITHIN).until(() -> outbox(school.schoolId).isEmpty());
        assertThat(awaitJob(event.eventId()).eventType()).isEqualTo("school.modules_changed");
    }

    @Test
    void anEventTheChatRefusesIsParkedAndTheOthersOfItsBatchGoOn() {
        UUID school = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PortalEvent before = event(school, "first", at);
        PortalEvent poison = event(school, "poison", at.plusMillis(1));
        PortalEvent after = event(school, "third", at.plusMillis(2));
        chat.stop(); // so the three leave in one batch
        events.record(before);
        events.record(poison);
        events.record(after);
        assertThat(outbox(school)).hasSize(3);

        chat.start();

        await().atMost(DELIVERED_WITHIN).until(() -> outbox(school).isEmpty());
        assertThat(chat.accepted).containsKeys(before.eventId(), after.eventId()).doesNotContainKey(poison.eventId());
        assertThat(deadLetters(school)).containsExactly(poison.eventId());
    }

    @Test
    void theChatLearnsEachPupilsRegisteredGuardiansAndForgetsARemovedPupil() {
        SchoolFixture school = school("Relay guardians");
        UUID group = school.group("6");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Sanne", pupil);
        SchoolFixture.Member second = school.registeredGuardian(group, pupil[0], "Second parent");
        school.guardian(pupil[0], "Not registered"); // no account: not in the set

        await().atMost(DELIVERED_WITHIN).untilAsserted(() -> assertThat(chat.guardiansOf(school.schoolId, pupil[0]))
                .contains(Set.of(parent.accountId(), second.accountId())));

        assertThat(api.delete(school.path("/pupils/" + pupil[0]), school.admin.accessToken()).status()).isEqualTo(204);

        await().atMost(DELIVERED_WITHIN).until(() -> chat.pupilDeleted(school.schoolId, pupil[0]));
        assertThat(chat.guardiansOf(school.schoolId, pupil[0])).isEmpty();
    }

    /** The one event of this type and school the chat accepted (waiting for it). */
    private PortalEvent awaitEvent(UUID school, String type) {
        List<PortalEvent> found = new ArrayList<>();
        await().atMost(DELIVERED_WITHIN).until(() -> {
            found.clear();
            chat.accepted.values().stream().filter(e -> e.schoolId().equals(school) && e.type().equals(type))
                    .forEach(found::add);
            return !found.isEmpty();
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Reads the job queue as a worker would, in a consumer group of its own (so other tests' jobs do not interfere). */
    private NotificationJob awaitJob(UUID eventId) {
        List<NotificationJob> found = new ArrayList<>();
        try (JobConsumer consumer = jobs.consumer("relay-it-" + UUID.randomUUID(), "reader")) {
            await().atMost(DELIVERED_WITHIN).until(() -> {
                for (ClaimedJob claimed : consumer.claim(1000, Duration.ZERO)) {
                    if (claimed.job().id().equals(eventId.toString())) {
                        found.add(NotificationJob.fromJob(claimed.job()));
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static PortalEvent event(UUID school, String title, Instant at) {
        return new PortalEvent(UUID.randomUUID(), "test.relayed", 1, school, Audience.school(), "test",
                new EntityRef("thing", "t-1", 1), at, Map.of("title", title));
    }

    private List<UUID> outbox(UUID school) {
        return session.execute("SELECT event_id FROM portal_event_outbox WHERE shard = ? AND school_id = ?",
                Math.floorMod(school.hashCode(), 8), school).all().stream().map(r -> r.getUuid(0)).toList();
    }

    private List<UUID> deadLetters(UUID school) {
        return session.execute("SELECT event_id FROM portal_event_dead_letters WHERE school_id = ?", school).all()
                .stream().map(r -> r.getUuid(0)).toList();
    }
}
