package nl.klaslijn.chat.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;

/** Posts portal events to a test node's internal API as portal-api's relay does (docs/protocol.md, section 7). */
final class PortalEventPosts {

    private final TestNode node;
    private final HttpClient http = HttpClient.newHttpClient();

    PortalEventPosts(TestNode node) {
        this.node = node;
    }

    /** A version-1 event of {@code module} about a fresh entity, with a title. */
    static PortalEvent event(UUID school, String module, String type, Audience audience) {
        return new PortalEvent(UUID.randomUUID(), type, 1, school, audience, module,
                new EntityRef("item", UUID.randomUUID().toString(), 1), Instant.parse("2026-12-04T18:00:00Z"),
                Map.of("title", "Schoolreisje"));
    }

    HttpResponse<String> post(UUID school, PortalEvent... events) throws Exception {
        return postRaw(school, body(events));
    }

    CompletableFuture<HttpResponse<String>> postAsync(UUID school, PortalEvent... events) {
        return http.sendAsync(request(school, body(events)), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postRaw(UUID school, String body) throws Exception {
        return http.send(request(school, body), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to {@code path} of the internal API with a SERVICE token. */
    HttpRequest.Builder internal(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.server.internalPort() + path))
                .header("Authorization", "Bearer " + serviceToken()).header("Content-Type", "application/json");
    }

    HttpClient http() {
        return http;
    }

    private HttpRequest request(UUID school, String body) {
        return internal("/internal/v1/schools/" + school + "/events").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String body(PortalEvent... events) {
        return "{\"events\":[" + Arrays.stream(events).map(PortalEventJson::encodeToString)
                .collect(Collectors.joining(",")) + "]}";
    }

    private String serviceToken() {
        return node.signer.issue(UUID.randomUUID(), UUID.randomUUID(), EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(5));
    }
}
