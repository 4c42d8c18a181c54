package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad input gets its precise ERROR, and a bystander conversation on the same node keeps
 * working through it.
 */
class BadInputIT {

    private static TestNode node;
    private UUID alice;
    private UUID bob;
    private Conversation bystanders;
    private StompClient aliceClient;
    private StompClient bobClient;

    @BeforeAll
    static void start() {
        node = new TestNode(EdgeSettings.builder().sendsPerSecond(5).sendBurst(10), Duration.ofDays(7));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void bystandersChat() {
        alice = node.person("Alice");
        bob = node.person("Bob");
        bystanders = node.group("bystanders", List.of(alice, bob));
        aliceClient = node.connect(alice);
        bobClient = node.connect(bob);
    }

    @AfterEach
    void bystandersStillChat() {
        StompFrame receipt = await(aliceClient.sendMessage(bystanders.id(), UUID.randomUUID().toString(), "still here"));
        String id = receipt.header("message-id");
        assertThat(Frames.skipTo(bobClient, id).text()).isEqualTo("still here");
        aliceClient.close();
        bobClient.close();
    }

    @Test
    void rejectsAGarbageToken() {
        assertThatThrownBy(() -> StompClient.connect(node.uri(), "not-a-token", Duration.ofSeconds(5)))
                .isInstanceOf(StompErrorException.class)
                .satisfies(e -> assertThat(((StompErrorException) e).errorCode()).isEqualTo("bad-token"));
    }

    @Test
    void rejectsAnExpiredToken() {
        TokenSigner past = TestKeys.signer(Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
        String expired = past.issue(alice, node.school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
        assertThatThrownBy(() -> StompClient.connect(node.uri(), expired, Duration.ofSeconds(5)))
                .satisfies(e -> assertThat(((StompErrorException) e).errorCode()).isEqualTo("token-expired"));
    }

    @Test
    void rejectsSendToAConversationTheUserIsNotIn() {
        UUID outsider = node.person("Mallory");
        try (StompClient mallory = node.connect(outsider)) {
            Frames.assertError(mallory.sendMessage(bystanders.id(), "x", "let me in"), "not-a-member");
        }
    }

    @Test
    void rejectsSubscribeToAConversationTheUserIsNotIn() {
        UUID outsider = node.person("Mallory");
        try (StompClient mallory = node.connect(outsider)) {
            Frames.assertError(mallory.subscribe("/conversations/" + bystanders.id()), "not-a-member");
        }
    }

    @Test
    void rejectsAConversationOfAnotherSchoolLikeAMissingOne() {
        UUID stranger = UUID.randomUUID();
        String foreignToken = node.signer.issue(stranger, UUID.randomUUID(), EnumSet.of(Role.PARENT),
                TokenAudience.CHAT, Duration.ofMinutes(5));
        try (StompClient foreign = StompClient.connect(node.uri(), foreignToken, Duration.ofSeconds(5))) {
            Frames.assertError(foreign.sendMessage(bystanders.id(), "x", "hello"), "not-a-member");
        }
        try (StompClient local = node.connect(node.person("Local"))) {
            Frames.assertError(local.sendMessage(UUID.randomUUID(), "x", "hello"), "not-a-member");
        }
    }

    @Test
    void rejectsAnOversizeFrame() {
        try (StompClient client = node.connect(alice)) {
            client.sendRaw("SEND\ndestination:/app/conversations/" + bystanders.id() + "/messages\n\n{\"clientMessageId\":\"big\","
                    + "\"text\":\"" + "x".repeat(70_000) + "\"}\0");
            assertClosedWith(client, "frame-too-large");
        }
    }

    @Test
    void rejectsMalformedJson() {
        try (StompClient client = node.connect(alice)) {
            Frames.assertError(client.send("/app/conversations/" + bystanders.id() + "/messages", "{\"clientMessageId\": nope"),
                    "malformed-body");
        }
    }

    @Test
    void rejectsAMessageWithoutText() {
        try (StompClient client = node.connect(alice)) {
            Frames.assertError(client.send("/app/conversations/" + bystanders.id() + "/messages", "{\"clientMessageId\":\"e\"}"),
                    "malformed-body");
        }
    }

    @Test
    void rejectsAnUnknownDestination() {
        try (StompClient client = node.connect(alice)) {
            Frames.assertError(client.send("/app/nowhere", "{}"), "unknown-destination");
        }
    }

    @Test
    void closesAFloodingConnectionWithRateLimited() {
        try (StompClient client = node.connect(alice)) {
            for (int i = 0; i < 40 && !client.closed().isDone(); i++) {
                client.sendRaw("SEND\ndestination:/app/conversations/" + bystanders.id() + "/messages\n\n"
                        + "{\"clientMessageId\":\"flood-" + i + "\",\"text\":\"spam\"}\0");
            }
            assertClosedWith(client, "rate-limited");
        }
    }


    private static void assertClosedWith(StompClient client, String code) {
        StompFrame error = client.closed().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(error).as("an ERROR frame").isNotNull();
        assertThat(error.header("error-code")).isEqualTo(code);
    }
}
