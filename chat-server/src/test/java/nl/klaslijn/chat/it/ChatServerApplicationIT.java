package nl.klaslijn.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot application as the one-command start runs it (dev profile: configuration, migration, the development
 * verification key), here on the suite's Cassandra node instead of an embedded one. The chat seeds no people of its
 * own: the demo school is portal-api's.
 */
@SpringBootTest(properties = {
        "spring.profiles.active=dev",
        "klaslijn.chat.port=0",
        "klaslijn.chat.internal.port=0",
        "klaslijn.cassandra.embedded.enabled=false",
        "klaslijn.cassandra.keyspace=klaslijn_app_it"})
class ChatServerApplicationIT {

    /** portal-api's development signing key (its application-dev.yml; public, and refused outside the dev profile). */
    private static final String DEVELOPMENT_SIGNING_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXMBclcRuXsVlbWlx
            Xjj6LHs4TOPrciCiG+jhs/mQ8TWhRANCAAR3zeNAvmsdBXt5W6duyLsn3KAcn9Ly
            zoHiK3Y+KJMTJn+QzgRK5zBB2nqXnPEyteDJs7yw90R+VWHHv8zNgBLy
            -----END PRIVATE KEY-----
            """;

    @Autowired
    ChatServer server;

    @DynamicPropertySource
    static void cassandra(DynamicPropertyRegistry registry) {
        CassandraNode node = TestCassandra.shared();
        registry.add("klaslijn.cassandra.contact-points",
                () -> "127.0.0.1:" + node.contactPoint().getPort());
    }

    @Test
    void startsInTheDevProfileAndServesAUserOfAPortalSignedToken() throws Exception {
        String token = new TokenSigner(SigningKey.parse(DEVELOPMENT_SIGNING_KEY), Clock.systemUTC(), Duration.ofHours(1))
                .issue(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Role.PARENT), TokenAudience.CHAT,
                        Duration.ofMinutes(5));
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/stomp");
        try (StompClient parent = StompClient.connect(uri, token, Duration.ofSeconds(10))) {
            TestNode.await(parent.subscribe("/user/replies"));
            StompFrame reply = TestNode.await(parent.request("/app/conversations", "{}"));
            Views.ConversationsReply list = Frames.reply(reply, Views.ConversationsReply.class);
            assertThat(list.conversations()).as("a new user of a new school is in no conversation").isEmpty();
        }
    }
}
