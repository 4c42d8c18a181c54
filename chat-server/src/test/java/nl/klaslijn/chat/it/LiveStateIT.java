package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read receipts, delivery state, typing, contact choices and their bad inputs on one node (in-memory fan-out). */
class LiveStateIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = new TestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aDirectMessageGoesFromSentToDeliveredToReadAndTheSenderSeesWho() {
        UUID anna = node.person("Anna");
        UUID sanne = node.person("Sanne");
        node.sharing(sanne);
        try (StompClient a = node.connect(anna); StompClient s = node.connect(sanne)) {
            Conversation direct = node.conversation(ConversationKind.DIRECT,
                    Map.of(anna, MemberRole.MEMBER, sanne, MemberRole.MEMBER));
            String id = await(a.sendMessage(direct.id(), "d-1", "Hoi")).header("message-id");
            assertThat(status(a, direct, id).state()).isEqualTo("sent");

            Frames.nextMessage(s);
            await(s.send("/app/conversations/" + direct.id() + "/delivered", "{\"upTo\":\"" + id + "\"}"));
            LiveViews.DeliveredEvent delivered = Wire.decode(Frames.nextEvent(a, "delivered").body(),
                    LiveViews.DeliveredEvent.class);
            assertThat(delivered.userId()).isEqualTo(sanne.toString());
            LiveViews.ReceiptsReply afterDelivery = status(a, direct, id);
            assertThat(afterDelivery.state()).isEqualTo("delivered");
            assertThat(afterDelivery.deliveredToUsers()).containsExactly(sanne.toString());

            await(s.send("/app/conversations/" + direct.id() + "/read", "{\"upTo\":\"" + id + "\"}"));
            LiveViews.ReadEvent read = Wire.decode(Frames.nextEvent(a, "read").body(), LiveViews.ReadEvent.class);
            assertThat(read.userId()).as("1:1 shows who read").isEqualTo(sanne.toString());
            LiveViews.ReceiptsReply afterRead = status(a, direct, id);
            assertThat(afterRead.state()).isEqualTo("read");
            assertThat(afterRead.of()).isEqualTo(1);
            assertThat(afterRead.readers()).containsExactly(sanne.toString());
        }
    }

    @Test
    void typingIsThrottledPerConversation() throws Exception {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation group = node.group("typing", List.of(a, b));
        try (StompClient ca = node.connect(a); StompClient cb = node.connect(b)) {
            for (int i = 0; i < 5; i++) {
                await(ca.send("/app/conversations/" + group.id() + "/typing", ""));
            }
            Frames.nextEvent(cb, "typing");
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                StompFrame extra = cb.messages().poll(left, TimeUnit.NANOSECONDS);
                assertThat(extra == null ? null : extra.header("event-type")).as("one typing event per 2 s")
                        .isNotEqualTo("typing");
            }
        }
    }

    @Test
    void parentsWhoChoseStaffOnlyCannotBeMessagedByOtherParentsButByStaff() {
        UUID shy = UUID.randomUUID();
        await(node.server.directory().put(new SchoolDirectory.Person(node.school, shy, "Verlegen", "parent", true)));
        UUID parent = node.person("Ouder");
        UUID teacher = UUID.randomUUID();
        await(node.server.directory().put(new SchoolDirectory.Person(node.school, teacher, "Juf", "teacher")));
        try (StompClient p = node.connect(parent); StompClient t = node.connect(teacher)) {
            assertThatThrownBy(() -> await(p.request("/app/direct", "{\"userId\":\"" + shy + "\"}")))
                    .isInstanceOf(StompErrorException.class)
                    .satisfies(e -> assertThat(((StompErrorException) e).errorCode()).isEqualTo("forbidden"));
            assertThat(await(t.request("/app/direct", "{\"userId\":\"" + shy + "\"}")).header("event-type"))
                    .isEqualTo("direct");
        }
    }

    @Test
    void announcementReadersMayNotSignalTyping() {
        UUID teacher = node.person("Juf");
        UUID reader = node.person("Lezer");
        Conversation channel = node.conversation(ConversationKind.ANNOUNCEMENT,
                Map.of(teacher, MemberRole.OWNER, reader, MemberRole.READER));
        try (StompClient r = node.connect(reader)) {
            Frames.assertError(r.send("/app/conversations/" + channel.id() + "/typing", ""), "forbidden");
        }
    }

    @Test
    void rejectsMalformedLiveStateRequests() {
        UUID a = node.person("A");
        Conversation group = node.group("bad", List.of(a, node.person("B")));
        String[][] cases = {
                {"/app/presence", "{\"state\":\"sleeping\"}"},
                {"/app/receipts", "{\"conversationId\":\"" + group.id() + "\"}"},
                {"/app/receipts", "{\"conversationId\":\"" + group.id() + "\",\"messageId\":\"99999999999999999999\"}"},
                {"/app/settings", "{\"sharePresence\":\"yes\"}"},
                {"/app/conversations/" + group.id() + "/delivered", "{}"},
                {"/app/presence/query", "{\"conversationId\":\"not-a-uuid\"}"},
        };
        for (String[] c : cases) {
            try (StompClient client = node.connect(a)) {
                Frames.assertError(c[0].equals("/app/presence") || c[0].endsWith("/delivered")
                        ? client.send(c[0], c[1]) : client.request(c[0], c[1]), "malformed-body");
            }
        }
    }

    @Test
    void parentsShareNoPresenceLastSeenOrReadsUntilTheyChooseToWhileStaffShareByDefault() {
        UUID parent = node.person("Ouder");
        UUID watcher = node.person("Andere ouder");
        UUID teacher = UUID.randomUUID();
        await(node.server.directory().put(new SchoolDirectory.Person(node.school, teacher, "Juf", "teacher")));
        Conversation group = node.group("privacy", List.of(parent, watcher, teacher));
        try (StompClient w = node.connect(watcher); StompClient t = node.connect(teacher);
                StompClient p = node.connect(parent)) {
            LiveViews.SettingsReply defaults = Frames.reply(await(p.request("/app/settings", "{}")),
                    LiveViews.SettingsReply.class);
            assertThat(defaults.sharePresence()).isFalse();
            assertThat(defaults.sendReadReceipts()).isFalse();
            assertThat(presence(w, group)).extracting(LiveViews.PresenceEvent::userId)
                    .as("the teacher shares presence by default, the parent does not").containsExactly(teacher.toString());
            String first = await(t.sendMessage(group.id(), "p-1", "Hallo")).header("message-id");
            Frames.nextMessage(p);
            await(p.send("/app/conversations/" + group.id() + "/read", "{\"upTo\":\"" + first + "\"}"));
            assertThat(status(t, group, first).readBy()).as("a parent's read is not shared by default").isZero();

            LiveViews.SettingsReply chosen = Frames.reply(await(p.request("/app/settings",
                    "{\"sharePresence\":true,\"sendReadReceipts\":true}")), LiveViews.SettingsReply.class);
            assertThat(chosen.sharePresence()).isTrue();
            assertThat(chosen.sendReadReceipts()).isTrue();
            String second = await(t.sendMessage(group.id(), "p-2", "Nog een")).header("message-id");
            Frames.nextMessage(p);
            await(p.send("/app/conversations/" + group.id() + "/read", "{\"upTo\":\"" + second + "\"}"));

            assertThat(status(t, group, second).readBy()).as("shared once the parent chose to").isEqualTo(1);
            assertThat(presence(w, group)).extracting(LiveViews.PresenceEvent::userId)
                    .containsExactlyInAnyOrder(teacher.toString(), parent.toString());
        }
    }

    private static List<LiveViews.PresenceEvent> presence(StompClient client, Conversation conversation) {
        return Frames.reply(await(client.request("/app/presence/query",
                "{\"conversationId\":\"" + conversation.id() + "\"}")), LiveViews.PresenceReply.class).members();
    }

    private static LiveViews.ReceiptsReply status(StompClient client, Conversation conversation, String id) {
        return Frames.reply(await(client.request("/app/receipts",
                "{\"conversationId\":\"" + conversation.id() + "\",\"messageId\":\"" + id + "\"}")), LiveViews.ReceiptsReply.class);
    }

}
