package nl.klaslijn.chat.it;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.settings.UserPreferences;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.devstack.redis.RedisServer;

/**
 * Several real chat nodes in this JVM, joined by a real redis-server, sharing the suite's Cassandra:
 * the production wiring ({@link ChatServer}) with the Redis broker. Each cluster uses a channel and key
 * prefix of its own, so clusters of different tests never hear each other on a shared Redis.
 */
final class TestCluster implements AutoCloseable {

    final MutableClock clock = new MutableClock();
    final UUID school = UUID.randomUUID();
    final List<ChatServer> nodes = new ArrayList<>();
    final BrokerSettings broker;
    private final Duration presenceNodeTimeout;

    TestCluster(RedisServer redis, int size, Duration presenceNodeTimeout) {
        this(redis, size, presenceNodeTimeout, index -> redis.uri());
    }

    /** Node {@code i} (0-based) reaches Redis at {@code redisUriOfNode.apply(i)}, e.g. through a {@link CuttableLink}. */
    TestCluster(RedisServer redis, int size, Duration presenceNodeTimeout, IntFunction<String> redisUriOfNode) {
        this(redis, size, presenceNodeTimeout, redisUriOfNode, java.util.function.UnaryOperator.identity());
    }

    /** Two or more nodes whose broker settings {@code tune} adjusts (e.g. a longer resync interval). */
    TestCluster(RedisServer redis, int size, java.util.function.UnaryOperator<BrokerSettings> tune) {
        this(redis, size, Duration.ofSeconds(15), index -> redis.uri(), tune);
    }

    private TestCluster(RedisServer redis, int size, Duration presenceNodeTimeout, IntFunction<String> redisUriOfNode,
            java.util.function.UnaryOperator<BrokerSettings> tune) {
        this.broker = tune.apply(BrokerSettings.redis(redis.uri())
                .withChannelPrefix("it-" + UUID.randomUUID().toString().substring(0, 8) + ":")
                .withCommandTimeout(Duration.ofMillis(500))
                .withHealthInterval(Duration.ofMillis(200))
                .withMaxReconnectDelay(Duration.ofMillis(300))
                .withResyncMinInterval(Duration.ofSeconds(1))); // the tests' resyncs need not wait the default 5 s
        this.presenceNodeTimeout = presenceNodeTimeout;
        for (int i = 0; i < size; i++) {
            nodes.add(start(TestNodeIds.next(), broker.withRedisUri(redisUriOfNode.apply(i))));
        }
    }

    TestCluster(RedisServer redis, int size) {
        this(redis, size, Duration.ofSeconds(15));
    }

    private ChatServer start(int nodeId, BrokerSettings broker) {
        CqlSession session = TestDatabase.session();
        ChatSettings settings = new ChatSettings(nodeId, TestKeys.VERIFICATION, Duration.ofDays(7), Duration.ofSeconds(30),
                EdgeSettings.builder().host("127.0.0.1").port(0).build())
                .withBroker(broker)
                .withPresenceNodeTimeout(presenceNodeTimeout)
                .withNodes(TestNode.UNCHECKED_CLOCK);
        return ChatServer.start(settings, session, clock);
    }

    ChatServer node(int index) {
        return nodes.get(index);
    }

    URI uri(int index) {
        return URI.create("ws://127.0.0.1:" + node(index).port() + "/stomp");
    }

    UUID person(String name) {
        return person(name, "parent");
    }

    UUID person(String name, String role) {
        UUID id = UUID.randomUUID();
        TestNode.await(node(0).directory().put(new SchoolDirectory.Person(school, id, name, role)));
        return id;
    }

    /**
     * The parent chose to share presence, last seen and read receipts (parents share nothing by default); call it
     * before the user's settings are first read, since other nodes may cache the default for a while.
     */
    void sharing(UUID user) {
        TestNode.await(node(0).preferences().putUser(school, user, new UserPreferences(true, true)));
    }

    String token(UUID user) {
        return TestKeys.signer(clock).issue(user, school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(10));
    }

    /** Connects {@code user} to node {@code index} and subscribes to /user/events and /user/replies. */
    StompClient connect(int index, UUID user) {
        return connect(index, user, token(user));
    }

    StompClient connect(int index, UUID user, String token) {
        StompClient client = StompClient.connect(uri(index), token, Duration.ofSeconds(10));
        TestNode.await(client.subscribe("/user/events"));
        TestNode.await(client.subscribe("/user/replies"));
        return client;
    }

    Conversation conversation(ConversationKind kind, List<UUID> members) {
        Map<UUID, MemberRole> roles = new LinkedHashMap<>();
        members.forEach(m -> roles.put(m, MemberRole.MEMBER));
        return TestNode.await(node(0).conversations().create(school, UUID.randomUUID(), kind, "t", members.get(0), roles));
    }

    /** A SERVICE token for the internal API (portal-api's role). */
    String serviceToken() {
        return TestKeys.signer(clock).issue(UUID.randomUUID(), new UUID(0, 0), EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (ChatServer node : nodes) {
            node.close();
        }
    }
}
