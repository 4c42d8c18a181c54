package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.devstack.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults in the middle of traffic: Redis restarted, Redis paused, a chat node killed. Two senders send
 * into a group whose six members are spread over two nodes; a {@link DeliveryChecker} records every
 * acknowledged message and proves that each member ends up with each one exactly once, in order, after
 * catch-up. Each test has a redis-server of its own.
 */
class ClusterFaultIT {

    private static final int MESSAGES_PER_SENDER = 40;

    private final RedisServer redis = RedisServer.onFreePort();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startRedis() {
        redis.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        redis.close();
    }

    @Test
    void redisRestartedMidTrafficLosesNothing() throws Exception {
        TestCluster cluster = closeLater(new TestCluster(redis, 2));
        runTraffic(cluster, List.of(() -> cluster.uri(0), () -> cluster.uri(1)), checker -> redis.restart());
    }

    @Test
    void redisPausedMidTrafficLosesNothing() throws Exception {
        TestCluster cluster = closeLater(new TestCluster(redis, 2));
        runTraffic(cluster, List.of(() -> cluster.uri(0), () -> cluster.uri(1)), checker -> {
            redis.freeze();
            sleep(2_000);
            redis.resume();
        });
    }

    @Test
    void nodeKilledMidBroadcastLosesNothing() throws Exception {
        TestCluster cluster = closeLater(new TestCluster(redis, 1, Duration.ofSeconds(2)));
        ChildNode child = closeLater(new ChildNode(7, cluster, redis.uri(), 2_000));
        runTraffic(cluster, List.of(child::uri, () -> cluster.uri(0)), checker -> {
            try {
                child.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aMemberAddedWhileRedisWasDownIsFollowedOnTheOtherNodeOnceItIsBack() {
        TestCluster cluster = closeLater(new TestCluster(redis, 2));
        UUID teacher = cluster.person("Juf");
        UUID newcomer = cluster.person("Nieuw");
        Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(teacher));
        try (StompClient t = cluster.connect(0, teacher); StompClient n = cluster.connect(1, newcomer)) {
            redis.stop();
            assertThat(resync(n).live()).isFalse();
            assertThat(resync(t).live()).isFalse();
            await(cluster.node(0).conversations().putMember(cluster.school, group.id(), newcomer,
                    nl.klaslijn.chat.conversations.MemberRole.MEMBER));
            redis.start();
            assertThat(resync(n).live()).as("node 1 resumed").isTrue();
            assertThat(resync(t).live()).as("node 0 resumed: the sender's node publishes again").isTrue();

            String id = await(t.sendMessage(group.id(), "after", "Welkom")).header("message-id");

            assertThat(Frames.nextMessage(n).id()).as("delivered live, without reconnecting").isEqualTo(id);
        }
    }

    @Test
    void whatANodeDeliveredLocallyWhileItsRedisLinkWasDownReachesTheOtherNodesOnceItIsBack() throws Exception {
        try (CuttableLink link = new CuttableLink(redis.port())) {
            TestCluster cluster = closeLater(new TestCluster(redis, 2, Duration.ofSeconds(15),
                    index -> index == 0 ? link.redisUri() : redis.uri()));
            UUID teacher = cluster.person("Juf");
            UUID parent = cluster.person("Ouder");
            UUID newcomer = cluster.person("Nieuw");
            Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(teacher, parent));
            Conversation later = cluster.conversation(ConversationKind.GROUP, List.of(teacher));
            try (StompClient t = cluster.connect(0, teacher); StompClient p = cluster.connect(1, parent);
                    StompClient n = cluster.connect(1, newcomer)) {
                link.cut(); // node 0 loses Redis, node 1 keeps it
                assertThat(resync(t).live()).isFalse();
                String missed = await(t.sendMessage(group.id(), "during", "Alleen op knooppunt 1")).header("message-id");
                await(cluster.node(0).conversations().putMember(cluster.school, later.id(), newcomer,
                        nl.klaslijn.chat.conversations.MemberRole.MEMBER));

                link.restore();
                assertThat(resync(t).reason()).isEqualTo("live-resumed");
                nl.klaslijn.chat.protocol.LiveViews.ResyncEvent told = resync(p);
                assertThat(told.live()).isTrue();
                assertThat(told.reason()).as("node 1 never lost Redis, yet is told").isEqualTo("peer-resumed");
                Views.SyncReply sync = Frames.reply(await(p.request("/app/sync", "{\"since\":\"0\"}")),
                        Views.SyncReply.class);
                assertThat(sync.conversations()).flatExtracting(Views.ChangedConversation::messages)
                        .extracting(Views.MessageView::id).as("the missed message comes with the resync").contains(missed);

                assertThat(resync(n).reason()).isEqualTo("peer-resumed");
                String welcome = await(t.sendMessage(later.id(), "after", "Welkom")).header("message-id");
                assertThat(Frames.nextMessage(n).id()).as("node 1 follows the membership it missed").isEqualTo(welcome);
            }
        }
    }

    private static nl.klaslijn.chat.protocol.LiveViews.ResyncEvent resync(StompClient client) {
        return nl.klaslijn.chat.protocol.Wire.decode(Frames.nextEvent(client, "resync").body(),
                nl.klaslijn.chat.protocol.LiveViews.ResyncEvent.class);
    }

    @Test
    void usersOfAKilledNodeGoOfflineForTheirContacts() throws Exception {
        TestCluster cluster = closeLater(new TestCluster(redis, 1, Duration.ofSeconds(2)));
        ChildNode child = closeLater(new ChildNode(8, cluster, redis.uri(), 2_000));
        UUID anna = cluster.person("Anna");
        cluster.sharing(anna);
        UUID sanne = cluster.person("Sanne");
        cluster.conversation(ConversationKind.DIRECT, List.of(anna, sanne));
        try (StompClient watcher = cluster.connect(0, sanne)) {
            StompClient onChild = StompClient.connect(child.uri(), cluster.token(anna), Duration.ofSeconds(5));
            closeLater(onChild);
            assertThat(ClusterIT.presenceOf(watcher, anna).state()).isEqualTo("online");

            child.kill();

            assertThat(ClusterIT.presenceOf(watcher, anna).state()).as("no ghost online after the node died")
                    .isEqualTo("offline");
        }
    }

    private interface Fault {
        void inject(DeliveryChecker checker) throws Exception;
    }

    /**
     * Six members (the first two send), spread over the nodes; the fault is injected once a quarter of
     * the messages were acknowledged, while both senders keep sending.
     */
    private void runTraffic(TestCluster cluster, List<Supplier<URI>> nodes, Fault fault) throws Exception {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(cluster.person("M" + i));
        }
        Conversation group = cluster.conversation(ConversationKind.GROUP, members);
        DeliveryChecker checker = new DeliveryChecker(group.id());
        List<CheckedDevice> devices = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            UUID member = members.get(i);
            devices.add(closeLater(new CheckedDevice(member, group.id(), nodes, i % nodes.size(),
                    () -> cluster.token(member))));
        }
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            CheckedDevice sender = devices.get(s);
            int index = s;
            senders.add(CompletableFuture.runAsync(() -> {
                for (int k = 0; k < MESSAGES_PER_SENDER; k++) {
                    checker.sendUntilAcknowledged(sender, "s" + index + "-" + k, "bericht " + k);
                    sleep(40);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> checker.acknowledged().size() >= MESSAGES_PER_SENDER / 2);
        fault.inject(checker);
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

        assertThat(checker.acknowledged()).hasSize(2 * MESSAGES_PER_SENDER);
        checker.verify(devices, devices.get(devices.size() - 1));
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.add(resource);
        return resource;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
