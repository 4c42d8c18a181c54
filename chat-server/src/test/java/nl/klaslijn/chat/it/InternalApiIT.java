package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The internal HTTP API portal-api uses: its own port, internal-audience service tokens only, problem details on errors. */
class InternalApiIT {

    private static TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = new TestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void listensOnItsOwnLoopbackPortAndTheWebSocketPortAnswers404ForInternal() throws Exception {
        assertThat(node.server.internalPort()).isNotEqualTo(node.server.port());
        String path = "/internal/v1/schools/" + node.school + "/directory/" + UUID.randomUUID();
        String body = "{\"displayName\":\"Meester Kees\",\"role\":\"teacher\"}";
        HttpResponse<String> onPublicPort = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + node.server.port() + path))
                .header("Authorization", "Bearer " + serviceToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onPublicPort.statusCode()).isEqualTo(404);
        HttpResponse<String> onInternalPort = http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + serviceToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(onInternalPort.statusCode()).isEqualTo(200);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.server.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAServiceTokenForAnotherAudience() throws Exception {
        String path = "/internal/v1/schools/" + node.school + "/conversations";
        String body = "{\"kind\":\"group\",\"title\":\"x\",\"members\":[{\"userId\":\"" + UUID.randomUUID() + "\",\"role\":\"member\"}]}";
        for (TokenAudience audience : new TokenAudience[] {TokenAudience.CHAT, TokenAudience.PORTAL}) {
            String token = node.signer.issue(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Role.SERVICE), audience,
                    Duration.ofMinutes(5));
            HttpResponse<String> response = post(path, token, body);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("token audience not accepted");
        }
    }

    @Test
    void serviceCreatesAGroupWhoseMembersCanChat() throws Exception {
        UUID teacher = node.person("Juf");
        UUID parent = node.person("Ouder");
        HttpResponse<String> created = post("/internal/v1/schools/" + node.school + "/conversations", serviceToken(),
                "{\"kind\":\"group\",\"title\":\"Groep 3\",\"members\":[{\"userId\":\"" + teacher
                        + "\",\"role\":\"owner\"},{\"userId\":\"" + parent + "\",\"role\":\"member\"}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([0-9a-f-]+)\".*", "$1");

        try (StompClient juf = node.connect(teacher); StompClient ouder = node.connect(parent)) {
            await(juf.sendMessage(UUID.fromString(id), "g1", "Welkom in groep 3"));
            assertThat(Frames.nextMessage(ouder).text()).isEqualTo("Welkom in groep 3");
        }
    }

    @Test
    void removingAMemberStopsTheirAccess() throws Exception {
        UUID a = node.person("A");
        UUID b = node.person("B");
        var group = node.group("leave", java.util.List.of(a, b));
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(uri("/internal/v1/schools/" + node.school
                        + "/conversations/" + group.id() + "/members/" + b))
                .header("Authorization", "Bearer " + serviceToken()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(200);
        try (StompClient gone = node.connect(b)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(gone.sendMessage(group.id(), "z", "hallo?")))
                    .hasMessageContaining("not-a-member");
        }
    }

    @Test
    void refusesCallsWithoutAServiceToken() throws Exception {
        String path = "/internal/v1/schools/" + node.school + "/conversations";
        String body = "{\"kind\":\"group\",\"title\":\"x\",\"members\":[{\"userId\":\"" + UUID.randomUUID() + "\",\"role\":\"member\"}]}";
        HttpResponse<String> anonymous = post(path, null, body);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).hasValue("application/problem+json");
        String parentToken = node.signer.issue(UUID.randomUUID(), node.school, EnumSet.of(Role.PARENT),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
        assertThat(post(path, parentToken, body).statusCode()).isEqualTo(403);
    }

    @Test
    void rejectsAMalformedBodyWithAProblem() throws Exception {
        HttpResponse<String> response = post("/internal/v1/schools/" + node.school + "/conversations", serviceToken(),
                "{\"kind\":\"group\",\"title\":\"x\",\"members\":[]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"status\":400").contains("members");
    }

    @Test
    void healthAnswersWithoutAToken() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void revocationNeedsAValidNotBeforeAndSchoolSettingsKeepMissingFields() throws Exception {
        String revocations = "/internal/v1/schools/" + node.school + "/users/" + UUID.randomUUID() + "/revocations";
        assertThat(post(revocations, serviceToken(), "{}").statusCode()).isEqualTo(400);
        assertThat(post(revocations, serviceToken(), "{\"notBefore\":\"yesterday\"}").statusCode()).isEqualTo(400);
        assertThat(post(revocations, serviceToken(), "{\"notBefore\":\"2026-11-22T20:00:00Z\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> settings = http.send(HttpRequest.newBuilder(uri("/internal/v1/schools/" + node.school
                        + "/settings")).header("Authorization", "Bearer " + serviceToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"readDetailGroup\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"readDetailDirect\":true", "\"readDetailGroup\":true",
                "\"readDetailAnnouncement\":false");

        HttpResponse<String> badContact = http.send(HttpRequest.newBuilder(uri("/internal/v1/schools/" + node.school
                        + "/directory/" + UUID.randomUUID())).header("Authorization", "Bearer " + serviceToken())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"X\",\"role\":\"parent\",\"contact\":\"nobody\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badContact.statusCode()).isEqualTo(400);
    }

    @Test
    void switchingTheChatOffHidesItFromTheSchoolUntilItIsOnAgain() throws Exception {
        TestNode other = new TestNode();
        try {
            UUID a = other.person("A");
            UUID b = other.person("B");
            var group = other.group("module", java.util.List.of(a, b));
            assertThat(putSettings(other, "{\"chatEnabled\":false}").body()).contains("\"chatEnabled\":false");
            try (StompClient client = other.connect(a)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(client.request("/app/conversations", "{}")))
                        .hasMessageContaining("module-off");
            }
            try (StompClient client = other.connect(a)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(client.sendMessage(group.id(), "m", "x")))
                        .hasMessageContaining("module-off");
            }
            try (StompClient neighbour = node.connect(node.person("Elders"))) {
                assertThat(await(neighbour.request("/app/conversations", "{}")).header("event-type"))
                        .as("other schools keep their chat").isEqualTo("conversations");
            }
            putSettings(other, "{\"chatEnabled\":true}");
            try (StompClient client = other.connect(a)) {
                assertThat(await(client.sendMessage(group.id(), "m", "weer aan")).header("message-id")).isNotNull();
            }
        } finally {
            other.close();
        }
    }

    @Test
    void aPersonRemovedFromTheDirectoryCanNoLongerBeMessagedDirectly() throws Exception {
        UUID leaver = node.person("Vertrokken");
        UUID parent = node.person("Ouder");
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(uri("/internal/v1/schools/" + node.school
                        + "/directory/" + leaver)).header("Authorization", "Bearer " + serviceToken()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(200);
        try (StompClient client = node.connect(parent)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> await(client.request("/app/direct",
                    "{\"userId\":\"" + leaver + "\"}"))).hasMessageContaining("not-found");
        }
    }

    private HttpResponse<String> putSettings(TestNode target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.server.internalPort()
                        + "/internal/v1/schools/" + target.school + "/settings"))
                .header("Authorization", "Bearer " + serviceToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String serviceToken() {
        return node.signer.issue(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.server.internalPort() + path);
    }
}
