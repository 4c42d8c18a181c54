package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A live session ends with its token unless refreshed in-band (SEND /app/token), and a revocation can end
 * one device's session (its {@code sid}) and leave the user's other devices connected. One event loop, so
 * every connection is checked on the same timer tick; the node's clock is moved instead of waiting.
 */
class SessionLifetimeIT {

    private TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        node = new TestNode(EdgeSettings.builder().ioThreads(1).timerTick(Duration.ofMillis(100)), Duration.ofDays(7));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aSessionWhoseTokenExpiresIsClosedWithTokenExpired() {
        UUID a = node.person("A");
        StompClient client = connect(token(a, null, Duration.ofMinutes(1)));
        assertThat(client.closed()).isNotDone();

        node.clock.advance(Duration.ofMinutes(2));

        assertThat(errorCode(client)).isEqualTo("token-expired");
    }

    @Test
    void aSessionRefreshedInBandStaysOpenAndReceivesMessagesAfterTheOriginalExpiry() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation group = node.group("refresh", List.of(a, b));
        UUID sid = UUID.randomUUID();
        StompClient refreshed = connect(token(a, sid, Duration.ofMinutes(1)));
        StompClient control = connect(token(a, sid, Duration.ofMinutes(1)));
        try (StompClient sender = node.connect(b)) {
            StompFrame receipt = await(refreshed.send("/app/token", body(token(a, sid, Duration.ofMinutes(10)))));
            assertThat(Instant.parse(receipt.header("expires-at"))).isAfter(node.clock.instant().plusSeconds(500));

            node.clock.advance(Duration.ofMinutes(2));
            assertThat(errorCode(control)).as("the same tick checks both connections").isEqualTo("token-expired");

            await(sender.sendMessage(group.id(), "m1", "na de verloopdatum"));
            assertThat(Frames.nextMessage(refreshed).text()).isEqualTo("na de verloopdatum");
            assertThat(refreshed.closed()).isNotDone();
        }
        refreshed.close();
    }

    @Test
    void aRefusedRefreshGetsAPreciseErrorAndLeavesTheSessionAsItWas() {
        UUID a = node.person("A");
        UUID other = node.person("Other");
        UUID sid = UUID.randomUUID();
        StompClient client = connect(token(a, sid, Duration.ofMinutes(1)));
        TokenSigner past = TestKeys.signer(
                java.time.Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC));

        assertThat(refused(client, token(other, sid, Duration.ofMinutes(10)))).isEqualTo("token-mismatch");
        assertThat(refused(client, token(a, UUID.randomUUID(), Duration.ofMinutes(10)))).isEqualTo("token-mismatch");
        assertThat(refused(client, node.signer.issue(a, node.school, EnumSet.of(Role.TEACHER),
                TokenAudience.CHAT, Duration.ofMinutes(10), sid))).as("other roles").isEqualTo("token-mismatch");
        assertThat(refused(client, past.issue(a, node.school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5), sid)))
                .isEqualTo("token-expired");
        assertThat(refused(client, "not-a-token")).isEqualTo("bad-token");
        assertThat(refused(client, token(a, sid, Duration.ofSeconds(30)))).isEqualTo("token-not-newer");
        assertThat(client.closed()).as("refusals do not close the session").isNotDone();

        node.clock.advance(Duration.ofMinutes(2));
        assertThat(errorCode(client)).as("the original expiry still holds").isEqualTo("token-expired");
    }

    @Test
    void revokingOneSessionClosesThatDeviceOnlyAndRefusesItsTokens() throws Exception {
        UUID a = node.person("A");
        UUID phone = UUID.randomUUID();
        UUID tablet = UUID.randomUUID();
        StompClient onPhone = connect(token(a, phone, Duration.ofMinutes(10)));
        try (StompClient onTablet = connect(token(a, tablet, Duration.ofMinutes(10)))) {
            HttpResponse<String> revoked = post("/internal/v1/schools/" + node.school + "/users/" + a + "/revocations",
                    "{\"notBefore\":\"" + node.clock.instant() + "\",\"sessionId\":\"" + phone + "\"}");
            assertThat(revoked.statusCode()).isEqualTo(200);

            assertThat(errorCode(onPhone)).isEqualTo("session-revoked");
            assertThat(await(onTablet.request("/app/settings", "{}")).header("event-type")).isEqualTo("settings");
            assertThat(onTablet.closed()).isNotDone();

            assertThatThrownBy(() -> StompClient.connect(node.uri(), token(a, phone, Duration.ofMinutes(10)),
                    Duration.ofSeconds(10))).hasMessageContaining("session-revoked");
            StompClient.connect(node.uri(), token(a, tablet, Duration.ofMinutes(10)), Duration.ofSeconds(10)).close();
        }
    }

    @Test
    void aRevocationNeedsAWellFormedSessionId() throws Exception {
        HttpResponse<String> bad = post("/internal/v1/schools/" + node.school + "/users/" + UUID.randomUUID()
                + "/revocations", "{\"notBefore\":\"2026-11-22T20:00:00Z\",\"sessionId\":\"phone\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sessionId");
    }

    private String token(UUID user, UUID sid, Duration lifetime) {
        return node.signer.issue(user, node.school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, lifetime, sid);
    }

    private StompClient connect(String token) {
        StompClient client = StompClient.connect(node.uri(), token, Duration.ofSeconds(10));
        await(client.subscribe("/user/events"));
        await(client.subscribe("/user/replies"));
        return client;
    }

    private static String body(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    /** Sends the token to /app/token and returns the code of the token-refused reply. */
    private static String refused(StompClient client, String token) {
        StompFrame reply = await(client.request("/app/token", body(token)));
        assertThat(reply.header("event-type")).isEqualTo("token-refused");
        return Wire.decode(reply.body(), Views.TokenRefused.class).code();
    }

    private static String errorCode(StompClient client) {
        StompFrame error = client.closed().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(error).as("an ERROR frame before the close").isNotNull();
        return error.header("error-code");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        String service = node.signer.issue(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server.internalPort() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + service)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
