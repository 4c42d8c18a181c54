package nl.klaslijn.chat.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A portal session of the command-line client, as a portal user's app holds one: logged in with e-mail and password
 * at portal-api ({@code POST /api/auth/login}, docs/portal-api.md), it holds the token pair (the {@code chatToken} is
 * what the chat server's CONNECT takes) and refreshes it. Not thread-safe: one owner.
 */
final class PortalSession {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI portal;
    private final UUID accountId;
    private final UUID schoolId;
    private String accessToken;
    private String chatToken;
    private String refreshToken;
    private Duration expiresIn;

    private PortalSession(URI portal, JsonNode pair) {
        this.portal = portal;
        this.accountId = UUID.fromString(pair.path("accountId").asString());
        this.schoolId = UUID.fromString(pair.path("schoolId").asString());
        take(pair);
    }

    /**
     * Logs in; fails with {@link PortalException} carrying the portal's own explanation (wrong e-mail or
     * password, too many attempts, ...) or saying that the portal cannot be reached.
     */
    static PortalSession login(URI portal, String email, String password) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        JsonNode pair = post(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), portal, "/api/auth/login", null, body);
        return new PortalSession(portal, pair);
    }

    UUID accountId() {
        return accountId;
    }

    UUID schoolId() {
        return schoolId;
    }

    String chatToken() {
        return chatToken;
    }

    /** How long the current tokens live. */
    Duration expiresIn() {
        return expiresIn;
    }

    /** Exchanges the refresh token for the next pair (rotation); returns the new chat token. */
    String refresh() {
        take(post(http, portal, "/api/auth/refresh", null, Map.of("refreshToken", refreshToken)));
        return chatToken;
    }

    /** A GET on portal-api with this session's access token; the parsed body. */
    JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(portal.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        return send(http, request, path);
    }

    private void take(JsonNode pair) {
        accessToken = pair.path("accessToken").asString();
        chatToken = pair.path("chatToken").asString();
        refreshToken = pair.path("refreshToken").asString();
        expiresIn = Duration.ofSeconds(pair.path("expiresIn").asLong(300));
    }

    private static JsonNode post(HttpClient http, URI portal, String path, @Nullable String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ClientJson.write(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(http, request.build(), path);
    }

    private static JsonNode send(HttpClient http, HttpRequest request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PortalException("cannot reach the portal at " + request.uri().resolve("/")
                    + " (is it running? ./klaslijn start)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortalException("interrupted", e);
        }
        JsonNode body = ClientJson.tree(response.body());
        if (response.statusCode() / 100 != 2) {
            // problem+json (RFC 9457): title is the code, detail the explanation.
            String code = body.path("title").asString("http-" + response.statusCode());
            String detail = body.path("detail").asString("");
            throw new PortalException(path + " answered " + response.statusCode() + " " + code
                    + (detail.isEmpty() ? "" : ": " + detail), null);
        }
        return body;
    }
}
