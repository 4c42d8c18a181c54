package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.devstack.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two chat nodes joined by a real redis-server: delivery, membership, revocation, presence and receipts across nodes. */
class ClusterIT {

    private TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(TestRedis.shared(), 2);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void directMessageReachesTheOtherPersonAndEveryDeviceOnTheOtherNode() {
        UUID anna = cluster.person("Anna");
        UUID sanne = cluster.person("Sanne");
        try (StompClient annaPhone = cluster.connect(0, anna); StompClient annaLaptop = cluster.connect(1, anna);
                StompClient sannePhone = cluster.connect(1, sanne)) {
            Views.ConversationView direct = Frames.reply(await(annaPhone.request("/app/direct",
                    "{\"userId\":\"" + sanne + "\"}")), Views.DirectReply.class).conversation();

            String id = await(annaPhone.sendMessage(UUID.fromString(direct.id()), "x-1", "Over twee nodes"))
                    .header("message-id");

            for (StompClient device : List.of(annaPhone, annaLaptop, sannePhone)) {
                Views.MessageView m = Frames.nextMessage(device);
                assertThat(m.id()).isEqualTo(id);
                assertThat(m.text()).isEqualTo("Over twee nodes");
                Frames.assertNoMoreMessages(device);
            }
        }
    }

    @Test
    void groupMessageReachesEveryMemberOnBothNodesExactlyOnce() {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(cluster.person("P" + i));
        }
        List<StompClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < members.size(); i++) {
                clients.add(cluster.connect(i % 2, members.get(i)));
            }
            Conversation group = cluster.conversation(ConversationKind.GROUP, members);

            String id = await(clients.get(0).sendMessage(group.id(), "g-1", "Ouderavond")).header("message-id");

            for (StompClient client : clients) {
                assertThat(Frames.nextMessage(client).id()).isEqualTo(id);
                Frames.assertNoMoreMessages(client);
            }
        } finally {
            clients.forEach(StompClient::close);
        }
    }

    @Test
    void membershipChangesOnOneNodeStartAndStopDeliveryOnTheOther() {
        UUID teacher = cluster.person("Juf");
        UUID parent = cluster.person("Ouder");
        UUID newcomer = cluster.person("Nieuw");
        try (StompClient t = cluster.connect(0, teacher); StompClient p = cluster.connect(1, parent);
                StompClient n = cluster.connect(1, newcomer)) {
            Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(teacher, parent));
            await(cluster.node(0).conversations().putMember(cluster.school, group.id(), newcomer, MemberRole.MEMBER));
            assertThat(Frames.nextEvent(n, "membership").body()).isNotNull();

            String first = await(t.sendMessage(group.id(), "m-1", "Welkom")).header("message-id");
            assertThat(Frames.nextMessage(n).id()).isEqualTo(first);
            assertThat(Frames.nextMessage(p).id()).isEqualTo(first);

            await(cluster.node(0).conversations().removeMember(cluster.school, group.id(), parent));
            LiveViews.MembershipEvent removed = Wire.decode(Frames.nextEvent(p, "membership").body(),
                    LiveViews.MembershipEvent.class);
            assertThat(removed.change()).isEqualTo("removed");

            String second = await(t.sendMessage(group.id(), "m-2", "Tot morgen")).header("message-id");
            assertThat(Frames.nextMessage(n).id()).isEqualTo(second);
            Frames.assertNoMoreMessages(p);
        }
    }

    @Test
    void revocationThroughOneNodeClosesTheUsersConnectionsOnEveryNodeAndRefusesOldTokens() throws Exception {
        UUID anna = cluster.person("Anna");
        UUID other = cluster.person("Bystander");
        String oldToken = cluster.token(anna);
        try (StompClient phone = cluster.connect(0, anna, oldToken); StompClient laptop = cluster.connect(1, anna, oldToken);
                StompClient bystander = cluster.connect(1, other)) {
            cluster.clock.advance(Duration.ofSeconds(2));
            Instant notBefore = cluster.clock.instant();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + cluster.node(0).internalPort() + "/internal/v1/schools/"
                                    + cluster.school + "/users/" + anna + "/revocations"))
                    .header("Authorization", "Bearer " + cluster.serviceToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"notBefore\":\"" + notBefore + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            for (StompClient device : List.of(phone, laptop)) {
                StompFrame error = device.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(error.header("error-code")).isEqualTo("session-revoked");
            }
            assertThat(bystander.closed()).isNotDone();
            assertThatThrownBy(() -> cluster.connect(1, anna, oldToken))
                    .isInstanceOf(StompErrorException.class).hasMessageContaining("session");
            cluster.clock.advance(Duration.ofSeconds(1));
            try (StompClient fresh = cluster.connect(1, anna)) {
                assertThat(fresh.closed()).isNotDone();
            }
        }
    }

    @Test
    void presenceIsSeenAcrossNodesAndHiddenWhenTheUserSaysSo() {
        UUID anna = cluster.person("Anna");
        cluster.sharing(anna);
        UUID sanne = cluster.person("Sanne");
        try (StompClient s = cluster.connect(1, sanne)) {
            Conversation direct = cluster.conversation(ConversationKind.DIRECT, List.of(anna, sanne));
            Frames.nextEvent(s, "membership");

            StompClient a = cluster.connect(0, anna);
            assertThat(presenceOf(s, anna).state()).isEqualTo("online");
            assertThat(query(s, direct)).extracting(LiveViews.PresenceEvent::state).containsExactly("online");

            await(a.send("/app/presence", "{\"state\":\"away\"}"));
            assertThat(presenceOf(s, anna).state()).isEqualTo("away");

            a.close();
            LiveViews.PresenceEvent offline = presenceOf(s, anna);
            assertThat(offline.state()).isEqualTo("offline");
            assertThat(offline.lastSeen()).isNotNull();

            try (StompClient again = cluster.connect(0, anna)) {
                assertThat(presenceOf(s, anna).state()).isEqualTo("online");
                await(again.request("/app/settings", "{\"sharePresence\":false}"));
                assertThat(presenceOf(s, anna).state()).as("contacts see her go offline once").isEqualTo("offline");
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(query(s, direct)).as("hidden on the other node too").isEmpty());
            }
        }
    }

    @Test
    void aPhoneThatReconnectsWithinTheGracePeriodNeverShowsOffline() throws Exception {
        UUID anna = cluster.person("Anna");
        cluster.sharing(anna);
        UUID sanne = cluster.person("Sanne");
        cluster.conversation(ConversationKind.DIRECT, List.of(anna, sanne));
        try (StompClient s = cluster.connect(0, sanne)) {
            StompClient phone = cluster.connect(1, anna);
            assertThat(presenceOf(s, anna).state()).isEqualTo("online");

            phone.close();
            try (StompClient again = cluster.connect(0, anna)) {
                long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(
                        nl.klaslijn.chat.presence.Presence.OFFLINE_GRACE.toSeconds() + 2);
                for (long left; (left = until - System.nanoTime()) > 0; ) {
                    StompFrame frame = s.messages().poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                    if (frame != null && "presence".equals(frame.header("event-type"))) {
                        LiveViews.PresenceEvent event = Wire.decode(frame.body(), LiveViews.PresenceEvent.class);
                        assertThat(event.state()).as("no flicker while she reconnects").isNotEqualTo("offline");
                    }
                }
            }
            assertThat(presenceOf(s, anna).state()).as("gone for good").isEqualTo("offline");
        }
    }

    @Test
    void aNodeThatShutsDownTellsContactsItsUsersWentOffline() {
        UUID anna = cluster.person("Anna");
        cluster.sharing(anna);
        UUID sanne = cluster.person("Sanne");
        cluster.conversation(ConversationKind.DIRECT, List.of(anna, sanne));
        try (StompClient s = cluster.connect(0, sanne); StompClient a = cluster.connect(1, anna)) {
            assertThat(presenceOf(s, anna).state()).isEqualTo("online");

            cluster.nodes.remove(1).close();

            LiveViews.PresenceEvent offline = presenceOf(s, anna);
            assertThat(offline.state()).as("at shutdown, not after the node timeout").isEqualTo("offline");
        }
    }

    @Test
    void readsAreBroadcastAcrossNodesAndCountedForTheSender() throws InterruptedException {
        UUID sender = cluster.person("Juf", "teacher");
        UUID reader = cluster.person("Lezer");
        cluster.sharing(reader);
        UUID silent = cluster.person("Stil");
        try (StompClient t = cluster.connect(0, sender); StompClient r = cluster.connect(1, reader);
                StompClient q = cluster.connect(1, silent); StompClient qLaptop = cluster.connect(0, silent)) {
            Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(sender, reader, silent));
            await(q.request("/app/settings", "{\"sendReadReceipts\":false}"));
            String id = await(t.sendMessage(group.id(), "r-1", "Gelezen?")).header("message-id");
            Frames.nextMessage(r);
            Frames.nextMessage(q);

            await(r.send("/app/conversations/" + group.id() + "/read", "{\"upTo\":\"" + id + "\"}"));
            await(q.send("/app/conversations/" + group.id() + "/read", "{\"upTo\":\"" + id + "\"}"));

            LiveViews.ReadEvent read = Wire.decode(Frames.nextEvent(t, "read").body(), LiveViews.ReadEvent.class);
            assertThat(read.upTo()).isEqualTo(id);
            assertThat(read.userId()).as("groups show counts, not names, by default").isNull();
            LiveViews.ReadEvent own = Wire.decode(Frames.nextEvent(qLaptop, "read").body(), LiveViews.ReadEvent.class);
            if (own.userId() == null) { // the other reader's (anonymous) read came first
                own = Wire.decode(Frames.nextEvent(qLaptop, "read").body(), LiveViews.ReadEvent.class);
            }
            assertThat(own.userId()).as("her other device learns her own read").isEqualTo(silent.toString());
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                StompFrame other = t.messages().poll(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                assertThat(other == null ? null : other.header("event-type")).as("nobody else learns of it")
                        .isNotEqualTo("read");
            }
            LiveViews.ReceiptsReply status = Frames.reply(await(t.request("/app/receipts",
                    "{\"conversationId\":\"" + group.id() + "\",\"messageId\":\"" + id + "\"}")), LiveViews.ReceiptsReply.class);
            assertThat(status.of()).isEqualTo(2);
            assertThat(status.readBy()).as("the member who turned receipts off is not counted").isEqualTo(1);
            assertThat(status.readers()).isNull();
            assertThat(status.state()).isEqualTo("sent");
            Views.ConversationView silentView = Frames.reply(await(q.request("/app/conversations", "{}")),
                    Views.ConversationsReply.class).conversations().get(0);
            assertThat(silentView.unread()).as("their own unread count still follows their reads").isZero();
        }
    }

    @Test
    void typingReachesTheOtherMembersButNotTheTypist() {
        UUID a = cluster.person("A");
        UUID b = cluster.person("B");
        try (StompClient ca = cluster.connect(0, a); StompClient cb = cluster.connect(1, b)) {
            Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(a, b));
            await(ca.send("/app/conversations/" + group.id() + "/typing", ""));
            LiveViews.TypingEvent typing = Wire.decode(Frames.nextEvent(cb, "typing").body(), LiveViews.TypingEvent.class);
            assertThat(typing.userId()).isEqualTo(a.toString());
            await(ca.sendMessage(group.id(), "t-1", "klaar"));
            List<String> seen = new ArrayList<>();
            StompFrame f;
            while (!"message".equals((f = Frames.next(ca)).header("event-type"))) {
                seen.add(f.header("event-type"));
            }
            assertThat(seen).doesNotContain("typing");
        }
    }

    /** The next presence event about {@code user} (events about others, e.g. the watcher herself, are skipped). */
    static LiveViews.PresenceEvent presenceOf(StompClient watcher, UUID user) {
        for (int i = 0; i < 100; i++) {
            LiveViews.PresenceEvent event = Wire.decode(Frames.nextEvent(watcher, "presence").body(),
                    LiveViews.PresenceEvent.class);
            if (event.userId().equals(user.toString())) {
                return event;
            }
        }
        throw new AssertionError("no presence event about " + user);
    }

    private static List<LiveViews.PresenceEvent> query(StompClient client, Conversation conversation) {
        return Frames.reply(await(client.request("/app/presence/query",
                "{\"conversationId\":\"" + conversation.id() + "\"}")), LiveViews.PresenceReply.class).members();
    }
}
