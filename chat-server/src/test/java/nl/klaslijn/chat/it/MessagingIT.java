package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.protocol.Views;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 1:1 and group delivery over real WebSockets, stored in a real Cassandra. */
class MessagingIT {

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
    void directMessageReachesEveryDeviceOfBothPeople() {
        UUID anna = node.person("Anna");
        UUID sanne = node.person("Sanne");
        try (StompClient annaPhone = node.connect(anna); StompClient annaLaptop = node.connect(anna);
                StompClient sannePhone = node.connect(sanne)) {
            StompFrame opened = await(annaPhone.request("/app/direct", "{\"userId\":\"" + sanne + "\"}"));
            Views.ConversationView direct = Frames.reply(opened, Views.DirectReply.class).conversation();
            assertThat(direct.kind()).isEqualTo("direct");

            StompFrame receipt = await(annaPhone.sendMessage(UUID.fromString(direct.id()), "m-1", "Hoi Sanne!"));
            String id = receipt.header("message-id");
            assertThat(receipt.header("duplicate")).isEqualTo("false");

            for (StompClient device : List.of(annaPhone, annaLaptop, sannePhone)) {
                Views.MessageView m = Frames.nextMessage(device);
                assertThat(m.id()).isEqualTo(id);
                assertThat(m.text()).isEqualTo("Hoi Sanne!");
                assertThat(m.senderId()).isEqualTo(anna.toString());
                assertThat(m.clientMessageId()).isEqualTo("m-1");
            }
        }
    }

    @Test
    void openingTheDirectConversationTwiceFromEitherSideGivesTheSameOne() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        try (StompClient ca = node.connect(a); StompClient cb = node.connect(b)) {
            String first = Frames.reply(await(ca.request("/app/direct", "{\"userId\":\"" + b + "\"}")),
                    Views.DirectReply.class).conversation().id();
            String second = Frames.reply(await(cb.request("/app/direct", "{\"userId\":\"" + a + "\"}")),
                    Views.DirectReply.class).conversation().id();
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void groupMessageReachesAllThirtyMembersOnEveryDevice() {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(node.person("parent " + i));
        }
        Conversation group = node.group("Groep 5", members);
        List<StompClient> devices = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                devices.add(node.connect(members.get(i)));
                if (i % 3 == 0) {
                    devices.add(node.connect(members.get(i)));
                }
            }
            StompFrame receipt = await(devices.get(0).sendMessage(group.id(), "announce-1", "Morgen gym!"));
            for (StompClient device : devices) {
                assertThat(Frames.nextMessage(device).id()).isEqualTo(receipt.header("message-id"));
            }
            assertThat(devices).hasSize(40);
        } finally {
            devices.forEach(StompClient::close);
        }
    }

    @Test
    void retryWithTheSameClientMessageIdReturnsTheSameIdAndIsDeliveredOnce() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation group = node.group("pair", List.of(a, b));
        try (StompClient sender = node.connect(a); StompClient reader = node.connect(b)) {
            StompFrame first = await(sender.sendMessage(group.id(), "retry-me", "once"));
            StompFrame retry = await(sender.sendMessage(group.id(), "retry-me", "once"));
            assertThat(retry.header("message-id")).isEqualTo(first.header("message-id"));
            assertThat(retry.header("duplicate")).isEqualTo("true");

            assertThat(Frames.nextMessage(reader).id()).isEqualTo(first.header("message-id"));
            StompFrame after = await(sender.sendMessage(group.id(), "next", "twice?"));
            assertThat(Frames.nextMessage(reader).id()).isEqualTo(after.header("message-id"));

            StompFrame page = await(reader.request("/app/history", "{\"conversationId\":\"" + group.id() + "\"}"));
            assertThat(Frames.reply(page, Views.HistoryReply.class).messages()).extracting(Views.MessageView::clientMessageId)
                    .containsExactly("next", "retry-me");
        }
    }

    @Test
    void conversationTopicSubscriptionGetsOnlyThatConversation() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation one = node.group("one", List.of(a, b));
        Conversation two = node.group("two", List.of(a, b));
        try (StompClient sender = node.connect(a);
                StompClient watcher = StompClient.connect(node.uri(), node.token(b), java.time.Duration.ofSeconds(5))) {
            await(watcher.subscribe("/conversations/" + one.id()));
            await(sender.sendMessage(two.id(), "x", "elsewhere"));
            StompFrame here = await(sender.sendMessage(one.id(), "y", "here"));
            StompFrame frame = Frames.next(watcher);
            assertThat(frame.header("destination")).isEqualTo("/conversations/" + one.id());
            assertThat(frame.header("message-id")).isEqualTo(here.header("message-id"));
            Frames.assertNoMoreMessages(watcher);
        }
    }

    @Test
    void announcementReadersReceiveButCannotPost() {
        UUID teacher = node.person("Juf");
        UUID parent = node.person("Ouder");
        Conversation channel = node.conversation(nl.klaslijn.chat.conversations.ConversationKind.ANNOUNCEMENT,
                Map.of(teacher, nl.klaslijn.chat.conversations.MemberRole.OWNER,
                        parent, nl.klaslijn.chat.conversations.MemberRole.READER));
        try (StompClient juf = node.connect(teacher); StompClient ouder = node.connect(parent)) {
            await(juf.sendMessage(channel.id(), "a1", "Schoolreis vrijdag"));
            assertThat(Frames.nextMessage(ouder).text()).isEqualTo("Schoolreis vrijdag");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(ouder.sendMessage(channel.id(), "p1", "mag ik?")))
                    .isInstanceOf(nl.klaslijn.chat.client.StompErrorException.class)
                    .extracting(e -> ((nl.klaslijn.chat.client.StompErrorException) e).errorCode())
                    .isEqualTo("forbidden");
        }
    }
}
