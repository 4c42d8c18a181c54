package nl.klaslijn.portal.it;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;
import org.jspecify.annotations.Nullable;

/**
 * A real chat node in this JVM for the chat-sync tests: the production wiring ({@link ChatServer}) against the suite's
 * Cassandra node, keyspace {@code chat_it} (the chat's own schema), on a fixed free port so it can be stopped and
 * started again at the same address portal-api was configured with (its internal API on a port of its own). Holds only
 * the public half of the tests' signing key.
 */
final class ChatNode {

    static final int PORT = freePort();
    static final int INTERNAL_PORT = freePort();
    private static @Nullable CqlSession session;
    private static @Nullable ChatServer server;

    private ChatNode() {}

    static String internalUrl() {
        return "http://127.0.0.1:" + INTERNAL_PORT;
    }

    static URI stompUri() {
        return URI.create("ws://127.0.0.1:" + PORT + "/stomp");
    }

    /** Starts the node unless it runs; returns it. */
    static synchronized ChatServer start() {
        if (server == null) {
            ChatSettings settings = new ChatSettings(1, PortalIT.SIGNING_KEY.verificationKeys(),
                    Duration.ofDays(7), Duration.ofSeconds(1), EdgeSettings.builder().host("127.0.0.1").port(PORT).build())
                    .withInternalApi(EdgeSettings.builder().host("127.0.0.1").port(INTERNAL_PORT).ioThreads(1).build());
            server = ChatServer.start(settings, session(), Clock.systemUTC());
        }
        return server;
    }

    /** Stops the node (its connections are told shutting-down); the data stays in Cassandra. */
    static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The conversation's members as the chat holds them; empty map when the conversation does not exist. */
    static Map<UUID, MemberRole> members(UUID school, UUID conversation) {
        return find(school, conversation).map(Conversation::members).orElse(Map.of());
    }

    static Optional<Conversation> find(UUID school, UUID conversation) {
        return await(start().conversations().find(school, conversation));
    }

    static Optional<SchoolDirectory.Person> directoryEntry(UUID school, UUID user) {
        return await(start().directory().find(school, user));
    }

    /** Deletes a conversation and its members from the chat's tables, as a chat that lost data would have. */
    static void forget(UUID school, UUID conversation) {
        CqlSession chat = session();
        chat.execute(chat.prepare("DELETE FROM conversations WHERE school_id = ? AND conversation_id = ?")
                .bind(school, conversation));
        chat.execute(chat.prepare("DELETE FROM conversation_members WHERE school_id = ? AND conversation_id = ?")
                .bind(school, conversation));
    }

    /** Connects with a portal access token and subscribes to /user/events. */
    static StompClient connect(String accessToken) {
        StompClient client = StompClient.connect(stompUri(), accessToken, Duration.ofSeconds(10));
        await(client.subscribe("/user/events"));
        return client;
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized CqlSession session() {
        if (session == null) {
            CassandraNode node = TestCassandra.shared();
            CassandraSettings settings = CassandraSettings.of(node.contactPoint(), node.localDatacenter(), "chat_it");
            SchemaMigrator.run(settings, "chat");
            session = CassandraSessions.open(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "close-chat-test-session"));
        }
        return session;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
