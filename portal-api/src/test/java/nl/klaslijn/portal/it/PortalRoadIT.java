package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.portal.chatsync.GroupChannel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal event road end to end, against the real Cassandra and a real chat node ({@link ChatNode}): a change made
 * through portal-api's HTTP API is recorded in its outbox, relayed to the chat, and arrives on /user/events at exactly
 * the connected users it is for (its group's teacher and parents, not another group's parent, never another school's
 * user); what changed while the chat was down arrives once it is back.
 */
class PortalRoadIT extends ChatSyncedIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ARRIVES_WITHIN = Duration.ofSeconds(30);

    @Test
    void aPortalChangeReachesExactlyTheConnectedUsersItIsFor() {
        SchoolFixture school = school("Road audiences");
        UUID groupA = school.group("5A");
        UUID groupB = school.group("6B");
        SchoolFixture.Member teacher = school.teacher(groupA);
        SchoolFixture.Member parentA = school.parentOfNewPupil(groupA, "Sanne", new UUID[1]);
        SchoolFixture.Member parentB = school.parentOfNewPupil(groupB, "Daan", new UUID[1]);
        SchoolFixture other = school("Road elsewhere");
        SchoolFixture.Member outsider = other.parentOfNewPupil(other.group("5A"), "Eva", new UUID[1]);
        awaitChannelMembers(school, groupA, teacher, parentA);
        awaitChannelMembers(school, groupB, parentB);

        try (StompClient t = ChatNode.connect(teacher.chatToken()); StompClient a = ChatNode.connect(parentA.chatToken());
                StompClient b = ChatNode.connect(parentB.chatToken());
                StompClient out = ChatNode.connect(outsider.chatToken())) {
            assertThat(api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", false)).status())
                    .isEqualTo(200);
            List<StompClient> ours = List.of(t, a, b);
            for (StompClient client : ours) {
                typesUntil(client, "school.modules_changed");
            }

            school.classParent(groupA, parentA);
            assertThat(api.put(school.path("/welcome-text"), school.admin.accessToken(),
                    Map.of("text", "Welkom!")).status()).isEqualTo(204);

            assertThat(typesUntil(t, "school.welcome_changed")).containsExactly("group.changed");
            assertThat(typesUntil(a, "school.welcome_changed")).containsExactly("group.changed");
            assertThat(typesUntil(b, "school.welcome_changed")).as("a parent of another group").isEmpty();

            assertThat(api.put(other.path("/modules"), other.admin.accessToken(), Map.of("news", false)).status())
                    .isEqualTo(200);
            List<JsonNode> seen = eventsUntil(out, "school.modules_changed");
            assertThat(seen).as("every event the other school's parent saw is of their school")
                    .allSatisfy(e -> assertThat(e.get("schoolId").asString()).isEqualTo(other.schoolId.toString()));
        }
    }

    @Test
    void whatChangedWhileTheChatWasDownArrivesOnceItIsBack() {
        SchoolFixture school = school("Road outage");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("3"), "Mila", new UUID[1]);
        String syncPoint;
        try (StompClient chat = ChatNode.connect(parent.chatToken())) {
            ChatNode.await(chat.subscribe("/user/replies"));
            syncPoint = sync(chat, "0").get("syncPoint").asString();
        }
        ChatNode.stop();
        try {
            assertThat(api.put(school.path("/modules"), school.admin.accessToken(), Map.of("albums", false)).status())
                    .isEqualTo(200);
        } finally {
            ChatNode.start();
        }
        try (StompClient chat = ChatNode.connect(parent.chatToken())) {
            ChatNode.await(chat.subscribe("/user/replies"));
            // Live, if the relay delivers after this connection subscribed; in the sync from the earlier point in any
            // case, once its id is past the chat's in-flight window.
            await().atMost(ARRIVES_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(sync(chat, syncPoint).get("portalEvents")).extracting(e -> e.get("type").asString())
                            .containsOnlyOnce("school.modules_changed"));
        }
    }

    private void awaitChannelMembers(SchoolFixture school, UUID group, SchoolFixture.Member... members) {
        UUID channel = GroupChannel.ANNOUNCEMENTS.conversationId(school.schoolId, group);
        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (SchoolFixture.Member member : members) {
                assertThat(ChatNode.members(school.schoolId, channel)).containsKey(member.accountId());
            }
        });
    }

    private static JsonNode sync(StompClient chat, String since) {
        return read(ChatNode.await(chat.request("/app/sync", "{\"since\":\"" + since + "\"}")).body());
    }

    /** The portal event types before the first one of type {@code end}. */
    private static List<String> typesUntil(StompClient client, String end) {
        return eventsUntil(client, end).stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<JsonNode> eventsUntil(StompClient client, String end) {
        List<JsonNode> events = new ArrayList<>();
        long until = System.nanoTime() + ARRIVES_WITHIN.toNanos();
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            StompFrame frame = poll(client, left);
            if (frame != null && "portal".equals(frame.header("event-type"))) {
                JsonNode event = read(frame.body()).get("event");
                if (event.get("type").asString().equals(end)) {
                    return events;
                }
                events.add(event);
            }
        }
        throw new AssertionError("no " + end + " event within " + ARRIVES_WITHIN + "; saw " + events);
    }

    private static StompFrame poll(StompClient client, long nanos) {
        try {
            return client.messages().poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        return JSON.readTree(body);
    }
}
