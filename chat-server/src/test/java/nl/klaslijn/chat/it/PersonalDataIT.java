package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The internal API's export and erasure of a user's chat data, and the retention sweep, on a real node. */
class PersonalDataIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ERASED = new UUID(0, 0).toString();
    private static TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = new TestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void exportHoldsTheUsersConversationsSettingsAndOnlyTheirOwnMessagesPagedWithACursor() throws Exception {
        UUID anna = node.person("Anna");
        UUID bram = node.person("Bram");
        Conversation group = node.group("Groep 6 ouders", List.of(anna, bram));
        Conversation left = node.group("Schoolreis", List.of(anna, bram));
        try (StompClient a = node.connect(anna); StompClient b = node.connect(bram)) {
            await(a.sendMessage(group.id(), "a1", "eerste van Anna"));
            await(b.sendMessage(group.id(), "b1", "van Bram"));
            await(a.sendMessage(group.id(), "a2", "tweede van Anna"));
            await(a.sendMessage(left.id(), "a3", "in de schoolreis"));
            await(a.request("/app/settings", "{\"sharePresence\":true}")); // a parent who opted in (default off)
        }
        await(node.server.conversations().removeMember(node.school, left.id(), anna));

        JsonNode profile = JSON.readTree(get("/users/" + anna + "/chat-data").body());
        assertThat(profile.path("directory").path("displayName").asString()).isEqualTo("Anna");
        assertThat(profile.path("settings").path("share_presence").asBoolean(false)).isTrue();
        List<String> titles = new ArrayList<>();
        profile.path("conversations").forEach(c -> titles.add(c.path("title").asString() + "/" + c.path("role").asString("-")));
        assertThat(titles).containsExactlyInAnyOrder("Groep 6 ouders/member", "Schoolreis/-");

        List<String> texts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get("/users/" + anna + "/chat-data/messages?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(page.body());
            assertThat(body.path("messages").size()).isLessThanOrEqualTo(2);
            body.path("messages").forEach(m -> texts.add(m.path("text").asString()));
            cursor = body.path("next").isNull() || body.path("next").isMissingNode() ? null : body.path("next").asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(texts).containsExactlyInAnyOrder("eerste van Anna", "tweede van Anna", "in de schoolreis");
        assertThat(pages).as("a limit of 2 needs more than one page for 3 messages").isGreaterThan(1);

        assertThat(get("/users/" + anna + "/chat-data/messages?cursor=nonsense").statusCode()).isEqualTo(400);
        assertThat(get("/users/" + anna + "/chat-data/messages?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void erasureLeavesTheMessagesAsADeletedUsersWithoutTextAndRemovesTheRest() throws Exception {
        UUID carla = node.person("Carla");
        UUID daan = node.person("Daan");
        Conversation group = node.group("Groep 7 ouders", List.of(carla, daan));
        Conversation left = node.group("Luizenpluizen", List.of(carla, daan));
        try (StompClient c = node.connect(carla); StompClient d = node.connect(daan)) {
            await(d.sendMessage(group.id(), "d1", "van Daan"));
            await(c.sendMessage(group.id(), "c1", "adres: Dorpsstraat 1"));
            await(c.sendMessage(left.id(), "c2", "telefoon 0612345678"));
            await(c.request("/app/settings", "{\"sendReadReceipts\":true}"));
        }
        await(node.server.conversations().removeMember(node.school, left.id(), carla));

        JsonNode done = JSON.readTree(send("DELETE", "/users/" + carla + "/chat-data").body());
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(JSON.readTree(send("DELETE", "/users/" + carla + "/chat-data").body()).path("done").asBoolean())
                .as("erasing again is harmless").isTrue();

        try (StompClient d = node.connect(daan)) {
            Views.ConversationsReply list = Frames.reply(await(d.request("/app/conversations", "{}")),
                    Views.ConversationsReply.class);
            Views.LastMessage last = list.conversations().stream().filter(v -> v.id().equals(group.id().toString()))
                    .findFirst().orElseThrow().lastMessage();
            assertThat(last.senderId()).isEqualTo(ERASED);
            assertThat(last.preview()).isEmpty();
            for (UUID conversation : List.of(group.id(), left.id())) {
                Views.HistoryReply history = Frames.reply(await(d.request("/app/history",
                        "{\"conversationId\":\"" + conversation + "\"}")), Views.HistoryReply.class);
                assertThat(history.messages()).allSatisfy(m -> {
                    if (!m.senderId().equals(daan.toString())) {
                        assertThat(m.senderId()).isEqualTo(ERASED);
                        assertThat(m.text()).isEmpty();
                        assertThat(m.clientMessageId()).isNull();
                    }
                });
                assertThat(history.messages()).extracting(Views.MessageView::text).doesNotContain(
                        "adres: Dorpsstraat 1", "telefoon 0612345678");
            }
            assertThat(history(d, group.id())).contains("van Daan");
        }
        assertThat(await(node.server.conversations().find(node.school, group.id())).orElseThrow().roleOf(carla)).isNull();
        assertThat(await(node.server.directory().find(node.school, carla))).isEmpty();
        JsonNode profile = JSON.readTree(get("/users/" + carla + "/chat-data").body());
        assertThat(profile.path("conversations").size()).isZero();
        assertThat(profile.path("settings").size()).isZero();
        assertThat(profile.path("directory").isNull()).isTrue();
        assertThat(JSON.readTree(get("/users/" + carla + "/chat-data/messages").body()).path("messages").size()).isZero();
    }

    @Test
    void theSweepDeletesHistoryPastTheSchoolsRetentionAndFollowsALaterChangeOfIt() throws Exception {
        TestNode school = new TestNode();
        try {
            UUID eva = school.person("Eva");
            UUID finn = school.person("Finn");
            Conversation busy = school.group("Groep 8", List.of(eva, finn));
            Conversation quiet = school.group("Oud", List.of(eva, finn));
            try (StompClient e = school.connect(eva)) {
                await(e.sendMessage(busy.id(), "e1", "oud bericht"));
                await(e.sendMessage(quiet.id(), "e2", "ook oud"));
            }
            school.clock.advance(Duration.ofDays(3));
            try (StompClient e = school.connect(eva)) {
                await(e.sendMessage(busy.id(), "e3", "nieuw bericht"));
            }
            school.server.retention().sweep();
            try (StompClient f = school.connect(finn)) {
                assertThat(history(f, busy.id())).as("the default of 730 days keeps both")
                        .containsExactly("nieuw bericht", "oud bericht");
            }

            HttpResponse<String> put = send(school, "PUT", "/retention", "{\"retentionDays\":2}");
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(put.body()).contains("\"retentionDays\":2");
            assertThat(send(school, "PUT", "/retention", "{\"retentionDays\":0}").statusCode()).isEqualTo(400);
            school.server.retention().sweep();

            try (StompClient f = school.connect(finn)) {
                assertThat(history(f, busy.id())).containsExactly("nieuw bericht");
                assertThat(history(f, quiet.id())).isEmpty();
                Views.ConversationsReply list = Frames.reply(await(f.request("/app/conversations", "{}")),
                        Views.ConversationsReply.class);
                for (Views.ConversationView v : list.conversations()) {
                    String preview = v.lastMessage() == null ? "" : v.lastMessage().preview();
                    assertThat(preview).isEqualTo(v.id().equals(busy.id().toString()) ? "nieuw bericht" : "");
                }
            }
        } finally {
            school.close();
        }
    }

    private static List<String> history(StompClient client, UUID conversation) {
        Views.HistoryReply history = Frames.reply(await(client.request("/app/history",
                "{\"conversationId\":\"" + conversation + "\"}")), Views.HistoryReply.class);
        return history.messages().stream().map(Views.MessageView::text).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return send(node, method, path, null);
    }

    private HttpResponse<String> send(TestNode target, String method, String path, String body) throws Exception {
        String token = target.signer.issue(UUID.randomUUID(), new UUID(0, 0), EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.server.internalPort()
                        + "/internal/v1/schools/" + target.school + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
