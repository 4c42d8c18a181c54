package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.portal.chatsync.GroupChannel;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat's side of a person's data rights, against a real chat node ({@link ChatNode}): the export includes the
 * chat data (or says it is unavailable), and deleting a guardian erases what the chat holds on them, even when the
 * chat is down at that moment.
 */
class ChatPersonalDataIT extends ChatSyncedIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theExportHoldsTheParentsChatDataAndSaysSoWhenTheChatCannotBeAsked() {
        SchoolFixture school = school("Chat export");
        UUID group = school.group("4B");
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Lotte", new UUID[1]);
        awaitMembers(school, group, Map.of(parent.accountId(), MemberRole.MEMBER));
        UUID parents = GroupChannel.PARENTS.conversationId(school.schoolId, group);
        try (StompClient chat = ChatNode.connect(parent.chatToken())) {
            ChatNode.await(chat.sendMessage(parents, "x-1", "Wie rijdt er mee naar het museum?"));
        }

        Api.Response export = api.get("/api/me/export", parent.accessToken());
        assertThat(export.status()).isEqualTo(200);
        JsonNode part = export.body().path("schools").get(0).path("chat");
        assertThat(part.path("status").asString()).isEqualTo("included");
        assertThat(part.path("complete").asBoolean()).isTrue();
        assertThat(texts(part)).containsExactly("Wie rijdt er mee naar het museum?");
        List<String> titles = new ArrayList<>();
        part.path("profile").path("conversations").forEach(c -> titles.add(c.path("title").asString()));
        assertThat(titles).contains("4B — ouders");

        ChatNode.stop();
        try {
            Api.Response without = api.get("/api/me/export", parent.accessToken());
            assertThat(without.status()).isEqualTo(200);
            JsonNode unavailable = without.body().path("schools").get(0).path("chat");
            assertThat(unavailable.path("status").asString()).isEqualTo("unavailable");
            assertThat(unavailable.path("messages").size()).isZero();
        } finally {
            ChatNode.start();
        }
    }

    @Test
    void deletingAGuardiansLastChildErasesTheirChatDataEvenWhenTheChatIsDownAtThatMoment() throws Exception {
        SchoolFixture school = school("Chat erasure");
        UUID group = school.group("8C");
        UUID[] onlyChild = new UUID[1];
        SchoolFixture.Member leaving = school.parentOfNewPupil(group, "Jip", onlyChild);
        SchoolFixture.Member bystander = school.parentOfNewPupil(group, "Janneke", new UUID[1]);
        awaitMembers(school, group, Map.of(leaving.accountId(), MemberRole.MEMBER, bystander.accountId(), MemberRole.MEMBER));
        UUID parents = GroupChannel.PARENTS.conversationId(school.schoolId, group);
        try (StompClient chat = ChatNode.connect(leaving.chatToken())) {
            ChatNode.await(chat.sendMessage(parents, "e-1", "Mijn nummer is 0611111111"));
        }

        ChatNode.stop();
        try {
            assertThat(api.delete(school.path("/pupils/" + onlyChild[0]), school.admin.accessToken()).status())
                    .isEqualTo(204);
        } finally {
            ChatNode.start();
        }

        try (StompClient reader = ChatNode.connect(bystander.chatToken())) {
            ChatNode.await(reader.subscribe("/user/replies"));
            await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                JsonNode history = JSON.readTree(ChatNode.await(reader.request("/app/history",
                        "{\"conversationId\":\"" + parents + "\"}")).body());
                JsonNode message = history.path("messages").get(0);
                assertThat(message.path("senderId").asString()).isEqualTo(new UUID(0, 0).toString());
                assertThat(message.path("text").asString()).isEmpty();
            });
        }
        assertThat(ChatNode.directoryEntry(school.schoolId, leaving.accountId())).isEmpty();
        assertThat(ChatNode.members(school.schoolId, parents)).doesNotContainKey(leaving.accountId());
    }

    private static List<String> texts(JsonNode part) {
        List<String> texts = new ArrayList<>();
        part.path("messages").forEach(m -> texts.add(m.path("text").asString()));
        return texts;
    }

    private static void awaitMembers(SchoolFixture school, UUID group, Map<UUID, MemberRole> expected) {
        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ChatNode.members(school.schoolId, GroupChannel.PARENTS.conversationId(school.schoolId, group)))
                        .isEqualTo(expected));
    }
}
