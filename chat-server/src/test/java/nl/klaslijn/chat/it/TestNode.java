package nl.klaslijn.chat.it;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.core.SessionLimits;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.settings.UserPreferences;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.nodes.NodeSettings;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;

/**
 * A real chat node for integration tests: the production wiring ({@link ChatServer}) on a free port,
 * against the suite's real Cassandra node ({@link TestDatabase}), with a clock the test can move.
 * Each test works in a school of its own, so tests never see each other's data.
 */
final class TestNode implements AutoCloseable {

    /** Node settings for tests that move the node's clock (by days, to cross buckets): the clock check is off. */
    static final NodeSettings UNCHECKED_CLOCK = new NodeSettings(NodeSettings.DEFAULTS.leaseTtl(),
            NodeSettings.DEFAULTS.maxClockSkew(), false);

    final MutableClock clock = new MutableClock();
    /** Signs tokens as portal-api would (the node itself can only verify). */
    final TokenSigner signer = TestKeys.signer(clock);
    final ChatServer server;
    final UUID school = UUID.randomUUID();

    TestNode(EdgeSettings.Builder edge, Duration bucketWidth) {
        this(edge, bucketWidth, SessionLimits.defaults());
    }

    TestNode(EdgeSettings.Builder edge, Duration bucketWidth, SessionLimits limits) {
        this(TestDatabase.session(), TestNodeIds.next(), edge, bucketWidth, UNCHECKED_CLOCK, Duration.ZERO, limits);
    }

    /** A node on {@code session} (e.g. a {@link FaultySession}) whose clock starts {@code clockOffset} off real time. */
    TestNode(CqlSession session, int nodeId, EdgeSettings.Builder edge, Duration bucketWidth, NodeSettings nodes,
            Duration clockOffset) {
        this(session, nodeId, edge, bucketWidth, nodes, clockOffset, SessionLimits.defaults());
    }

    private TestNode(CqlSession session, int nodeId, EdgeSettings.Builder edge, Duration bucketWidth,
            NodeSettings nodes, Duration clockOffset, SessionLimits limits) {
        clock.advance(clockOffset);
        server = ChatServer.start(new ChatSettings(nodeId, TestKeys.VERIFICATION, bucketWidth, Duration.ofSeconds(30),
                edge.host("127.0.0.1").port(0).build()).withNodes(nodes).withSessionLimits(limits), session, clock);
    }

    TestNode() {
        this(EdgeSettings.builder(), Duration.ofDays(7));
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/stomp");
    }

    /** A person in this node's school, known to the directory. */
    UUID person(String name) {
        UUID id = UUID.randomUUID();
        await(server.directory().put(new SchoolDirectory.Person(school, id, name, "parent")));
        return id;
    }

    /** The parent chose to share presence, last seen and read receipts (parents share nothing by default). */
    void sharing(UUID user) {
        await(server.preferences().putUser(school, user, new UserPreferences(true, true)));
    }

    String token(UUID user) {
        return signer.issue(user, school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(10));
    }

    /** Connects as {@code user} and subscribes to /user/events and /user/replies. */
    StompClient connect(UUID user) {
        StompClient client = StompClient.connect(uri(), token(user), Duration.ofSeconds(10));
        await(client.subscribe("/user/events"));
        await(client.subscribe("/user/replies"));
        return client;
    }

    Conversation group(String title, List<UUID> members) {
        Map<UUID, MemberRole> roles = new LinkedHashMap<>();
        members.forEach(m -> roles.put(m, MemberRole.MEMBER));
        return await(server.conversations().create(school, UUID.randomUUID(), ConversationKind.GROUP, title,
                members.get(0), roles));
    }

    Conversation conversation(ConversationKind kind, Map<UUID, MemberRole> members) {
        return await(server.conversations().create(school, UUID.randomUUID(), kind, "t", members.keySet().iterator().next(),
                members));
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
