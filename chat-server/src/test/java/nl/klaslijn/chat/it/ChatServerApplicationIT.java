package nl.klaslijn.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot application as the one-command start runs it (dev profile: configuration, migration, demo school,
 * token file), here on the suite's Cassandra node instead of an embedded one.
 */
@SpringBootTest(properties = {
        "spring.profiles.active=dev",
        "klaslijn.chat.port=0",
        "klaslijn.chat.internal.port=0",
        "klaslijn.cassandra.embedded.enabled=false",
        "klaslijn.cassandra.keyspace=klaslijn_app_it",
        "klaslijn.demo.enabled=true",
        "klaslijn.demo.tokens-file=target/app-it/demo-tokens.properties"})
class ChatServerApplicationIT {

    @Autowired
    ChatServer server;

    @DynamicPropertySource
    static void cassandra(DynamicPropertyRegistry registry) {
        CassandraNode node = TestCassandra.shared();
        registry.add("klaslijn.cassandra.contact-points",
                () -> "127.0.0.1:" + node.contactPoint().getPort());
    }

    @Test
    void startsWithTheDemoSchoolAndADemoParentSeesTheirConversations() throws Exception {
        Properties tokens = new Properties();
        try (var in = Files.newBufferedReader(Path.of("target/app-it/demo-tokens.properties"))) {
            tokens.load(in);
        }
        assertThat(tokens.stringPropertyNames()).contains("anna", "sanne", "joost", "fatima", "pieter", "bram");

        java.net.URI uri = java.net.URI.create("ws://127.0.0.1:" + server.port() + "/stomp");
        try (StompClient sanne = StompClient.connect(uri, tokens.getProperty("sanne"), Duration.ofSeconds(10))) {
            TestNode.await(sanne.subscribe("/user/replies"));
            StompFrame reply = TestNode.await(sanne.request("/app/conversations", "{}"));
            Views.ConversationsReply list = Frames.reply(reply, Views.ConversationsReply.class);
            assertThat(list.conversations()).extracting(Views.ConversationView::title)
                    .contains("Groep 5 — mededelingen", "Groep 5 — ouders");
            assertThat(list.conversations()).anySatisfy(c -> assertThat(c.kind()).isEqualTo("direct"));
        }
    }
}
