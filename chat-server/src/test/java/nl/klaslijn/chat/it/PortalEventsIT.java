package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat side of the portal event road, against the real Cassandra and the production wiring: portal events posted
 * to the internal API reach, on /user/events, exactly the connected users their audience names (school, staff, a
 * group, the guardians of a pupil, one user; never another school), re-checked against the node's state at delivery;
 * an event id is delivered once however often the relay posts it; bad batches are refused without delivering any.
 */
class PortalEventsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestNode node;
    private final PortalEventPosts posts = new PortalEventPosts(node);

    private UUID teacher;
    private UUID admin;
    private UUID parentA;
    private UUID parentB;
    private UUID group1;
    private UUID group2;
    private UUID pupilA;
    private UUID otherSchool;
    private UUID outsider;

    @BeforeAll
    static void start() {
        node = new TestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Group 1: the teacher and parent A (guardian of pupil A); group 2: parent B; an administrator; another school. */
    @BeforeEach
    void school() throws Exception {
        teacher = staff("Juf Anna", "teacher");
        admin = staff("Meester Kees", "administrator");
        parentA = node.person("Ouder A");
        parentB = node.person("Ouder B");
        group1 = UUID.randomUUID();
        group2 = UUID.randomUUID();
        pupilA = UUID.randomUUID();
        groupChannels(group1, Map.of(teacher, MemberRole.OWNER, parentA, MemberRole.MEMBER));
        groupChannels(group2, Map.of(admin, MemberRole.OWNER, parentB, MemberRole.MEMBER));
        assertThat(putGuardians(pupilA, List.of(parentA)).statusCode()).isEqualTo(200);
        otherSchool = UUID.randomUUID();
        outsider = UUID.randomUUID();
        await(node.server.directory().put(new SchoolDirectory.Person(otherSchool, outsider, "Elders", "teacher")));
    }

    @Test
    void eachAudienceReachesExactlyItsRecipientsAndNeverAnotherSchool() throws Exception {
        try (StompClient t = node.connect(teacher); StompClient a = node.connect(admin);
                StompClient pa = node.connect(parentA); StompClient pb = node.connect(parentB);
                StompClient out = connectOtherSchool()) {
            assertThat(post(node.school, event(node.school, "test.school", Audience.school()),
                    event(node.school, "test.staff", Audience.staff()),
                    event(node.school, "test.group", Audience.groups(List.of(group1))),
                    event(node.school, "test.guardians", Audience.guardiansOf(List.of(pupilA))),
                    event(node.school, "test.user", Audience.users(List.of(parentB))),
                    event(node.school, "test.end", Audience.school())).statusCode()).isEqualTo(200);

            assertThat(typesUntilEnd(t)).containsExactly("test.school", "test.staff", "test.group");
            assertThat(typesUntilEnd(a)).containsExactly("test.school", "test.staff");
            assertThat(typesUntilEnd(pa)).containsExactly("test.school", "test.group", "test.guardians");
            assertThat(typesUntilEnd(pb)).containsExactly("test.school", "test.user");

            assertThat(post(otherSchool, event(otherSchool, "test.end", Audience.school())).statusCode())
                    .isEqualTo(200);
            assertThat(typesUntilEnd(out)).as("the other school's user saw none of the first school's events")
                    .isEmpty();
        }
    }

    @Test
    void theAudienceIsCheckedAgainstWhatTheNodeKnowsAtDelivery() throws Exception {
        try (StompClient pa = node.connect(parentA); StompClient pb = node.connect(parentB)) {
            assertThat(putGuardians(pupilA, List.of(parentB)).statusCode()).isEqualTo(200);
            await(node.server.directory().remove(node.school, parentA));
            assertThat(post(node.school, event(node.school, "test.guardians", Audience.guardiansOf(List.of(pupilA))),
                    event(node.school, "test.school", Audience.school()),
                    event(node.school, "test.end", Audience.users(List.of(parentA, parentB)))).statusCode())
                    .isEqualTo(200);
            assertThat(typesUntilEnd(pb)).as("parent B, now pupil A's guardian")
                    .containsExactly("test.guardians", "test.school");
            assertThat(portalTypes(pa)).as("parent A left the school (still connected): nothing").isEmpty();
        }
    }

    @Test
    void anEventIdPostedAgainIsNotDeliveredAgain() throws Exception {
        try (StompClient pa = node.connect(parentA)) {
            PortalEvent once = event(node.school, "test.once", Audience.school());
            HttpResponse<String> first = post(node.school, once);
            HttpResponse<String> again = post(node.school, once, event(node.school, "test.end", Audience.school()));
            assertThat(JSON.readTree(first.body()).get("accepted").asInt()).isEqualTo(1);
            JsonNode second = JSON.readTree(again.body());
            assertThat(second.get("accepted").asInt()).isEqualTo(1);
            assertThat(second.get("duplicates").asInt()).isEqualTo(1);
            assertThat(typesUntilEnd(pa)).containsExactly("test.once");
        }
    }

    @Test
    void theClientReceivesTheEventAsDocumented() throws Exception {
        try (StompClient pa = node.connect(parentA)) {
            PortalEvent sent = event(node.school, "news.published", Audience.groups(List.of(group1)));
            post(node.school, sent);
            StompFrame frame = Frames.nextEvent(pa, "portal");
            assertThat(frame.header("destination")).isEqualTo("/user/events");
            assertThat(frame.header("message-id")).startsWith("p-");
            JsonNode body = JSON.readTree(frame.body());
            assertThat(body.get("type").asString()).isEqualTo("portal");
            assertThat(PortalEventJson.decode(JSON.writeValueAsBytes(body.get("event")))).isEqualTo(sent);
        }
    }

    @Test
    void badBatchesAreRefusedPreciselyAndDeliverNothing() throws Exception {
        try (StompClient pa = node.connect(parentA)) {
            assertThat(postRaw(node.school, "not json").statusCode()).isEqualTo(400);
            assertThat(postRaw(node.school, "{\"events\":[]}").statusCode()).isEqualTo(400);
            assertThat(postRaw(node.school, "{\"events\":[{\"type\":\"x\"}]}").statusCode()).isEqualTo(422);
            HttpResponse<String> foreign = post(node.school, event(node.school, "test.ok", Audience.school()),
                    event(otherSchool, "test.foreign", Audience.school()));
            assertThat(foreign.statusCode()).isEqualTo(422);
            assertThat(foreign.body()).contains("events[1]");
            List<PortalEvent> tooMany = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                tooMany.add(event(node.school, "test.many", Audience.school()));
            }
            assertThat(post(node.school, tooMany.toArray(PortalEvent[]::new)).statusCode()).isEqualTo(400);
            assertThat(putGuardiansRaw(pupilA, "{\"guardians\":[\"nope\"]}").statusCode()).isEqualTo(400);
            assertThat(portalTypes(pa)).as("no event of a refused batch was delivered").isEmpty();
        }
    }

    @Test
    void aClientBackFromADisconnectGetsWhatItMissedInItsSyncOnce() throws Exception {
        node.clock.advance(Duration.ofSeconds(11));
        String before;
        try (StompClient pa = node.connect(parentA)) {
            before = sync(pa, "0").syncPoint();
        }
        PortalEvent forGroup1 = event(node.school, "resume.group", Audience.groups(List.of(group1)));
        assertThat(post(node.school, forGroup1, event(node.school, "resume.other_group",
                Audience.groups(List.of(group2))), event(node.school, "resume.guardians",
                Audience.guardiansOf(List.of(pupilA))), event(node.school, "resume.staff", Audience.staff()))
                .statusCode()).isEqualTo(200);
        node.clock.advance(Duration.ofSeconds(11));
        try (StompClient pa = node.connect(parentA)) {
            Views.SyncReply back = sync(pa, before);
            assertThat(back.portalEvents()).extracting(e -> e.get("type").asString())
                    .containsExactly("resume.group", "resume.guardians");
            assertThat(PortalEventJson.decode(JSON.writeValueAsBytes(back.portalEvents().get(0)))).isEqualTo(forGroup1);
            assertThat(back.refetch()).isEmpty();
            assertThat(sync(pa, back.syncPoint()).portalEvents()).as("the next sync from the new point").isEmpty();
        }
    }

    @Test
    void aClientBackAfterTheRetainedWindowIsToldWhichModulesToFetchAgain() throws Exception {
        node.clock.advance(Duration.ofSeconds(11));
        String before;
        try (StompClient pb = node.connect(parentB)) {
            before = sync(pb, "0").syncPoint();
        }
        assertThat(post(node.school, event(node.school, "news", "news.published", Audience.school()),
                event(node.school, "calendar", "calendar.changed", Audience.school())).statusCode()).isEqualTo(200);
        node.clock.advance(Duration.ofDays(8));
        try (StompClient pb = node.connect(parentB)) {
            Views.SyncReply back = sync(pb, before);
            assertThat(back.portalEvents()).isEmpty();
            assertThat(back.refetch()).containsExactly("calendar", "news");
        }
    }

    @Test
    void moreMissedEventsThanAReplyCarriesBecomeARefetch() throws Exception {
        node.clock.advance(Duration.ofSeconds(11));
        String before;
        try (StompClient pb = node.connect(parentB)) {
            before = sync(pb, "0").syncPoint();
        }
        for (int batch = 0; batch < 3; batch++) {
            List<PortalEvent> events = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                events.add(event(node.school, "albums", "album.photo_added", Audience.school()));
            }
            assertThat(post(node.school, events.toArray(PortalEvent[]::new)).statusCode()).isEqualTo(200);
        }
        node.clock.advance(Duration.ofSeconds(11));
        try (StompClient pb = node.connect(parentB)) {
            Views.SyncReply back = sync(pb, before);
            assertThat(back.portalEvents()).isEmpty();
            assertThat(back.refetch()).containsExactly("albums");
        }
    }

    private static Views.SyncReply sync(StompClient client, String since) {
        return Frames.reply(await(client.request("/app/sync", "{\"since\":\"" + since + "\"}")),
                Views.SyncReply.class);
    }

    private UUID staff(String name, String role) {
        UUID id = UUID.randomUUID();
        await(node.server.directory().put(new SchoolDirectory.Person(node.school, id, name, role)));
        return id;
    }

    /** The group's two channels under the ids portal-api's chat sync gives them (GroupChannel.conversationId). */
    private void groupChannels(UUID group, Map<UUID, MemberRole> members) {
        UUID owner = members.entrySet().stream().filter(e -> e.getValue() == MemberRole.OWNER).findFirst().orElseThrow()
                .getKey();
        for (String channel : List.of("announcements", "parents")) {
            UUID id = UUID.nameUUIDFromBytes(("klaslijn:group-channel:" + node.school + ":" + group + ":" + channel)
                    .getBytes(StandardCharsets.UTF_8));
            await(node.server.conversations().create(node.school, id, ConversationKind.GROUP, channel, owner, members));
        }
    }

    private StompClient connectOtherSchool() {
        String token = node.signer.issue(outsider, otherSchool, EnumSet.of(Role.TEACHER), TokenAudience.CHAT,
                Duration.ofMinutes(10));
        StompClient client = StompClient.connect(node.uri(), token, Duration.ofSeconds(10));
        await(client.subscribe("/user/events"));
        return client;
    }

    private static PortalEvent event(UUID school, String type, Audience audience) {
        return event(school, "test", type, audience);
    }

    private static PortalEvent event(UUID school, String module, String type, Audience audience) {
        return PortalEventPosts.event(school, module, type, audience);
    }

    /** The portal event types the client receives before the first {@code test.end}. */
    private static List<String> typesUntilEnd(StompClient client) throws Exception {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String type = JSON.readTree(Frames.nextEvent(client, "portal").body()).get("event").get("type").asString();
            if (type.equals("test.end")) {
                return types;
            }
            types.add(type);
        }
        throw new AssertionError("no test.end event");
    }

    /** The portal event types that arrive within a second (for clients that must receive none). */
    private static List<String> portalTypes(StompClient client) throws Exception {
        List<String> types = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (long left; (left = until - System.nanoTime()) > 0; ) {
            StompFrame frame = client.messages().poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && "portal".equals(frame.header("event-type"))) {
                types.add(JSON.readTree(frame.body()).get("event").get("type").asString());
            }
        }
        return types;
    }

    private HttpResponse<String> post(UUID school, PortalEvent... events) throws Exception {
        return posts.post(school, events);
    }

    private HttpResponse<String> postRaw(UUID school, String body) throws Exception {
        return posts.postRaw(school, body);
    }

    private HttpResponse<String> putGuardians(UUID pupil, List<UUID> guardians) throws Exception {
        return putGuardiansRaw(pupil, "{\"guardians\":[" + guardians.stream().map(g -> "\"" + g + "\"")
                .collect(Collectors.joining(",")) + "]}");
    }

    private HttpResponse<String> putGuardiansRaw(UUID pupil, String body) throws Exception {
        return posts.http().send(posts.internal("/internal/v1/schools/" + node.school + "/pupils/" + pupil
                + "/guardians").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
