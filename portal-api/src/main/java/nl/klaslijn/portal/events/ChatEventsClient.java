package nl.klaslijn.portal.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.portal.config.PortalProperties;

/**
 * The chat server's {@code POST /internal/v1/schools/{school}/events} (docs/protocol.md, section 7) as the relay
 * calls it: body {@code {"events":[<PortalEventJson>, ...]}}, a fresh SERVICE token for audience {@code internal}
 * signed with portal-api's key (as the chat sync's calls). Answers the HTTP status; throws
 * {@link ChatUnreachableException} when no answer came.
 */
class ChatEventsClient {

    /** The subject of the relay's service tokens: a fixed id naming portal-api's event relay (not an account). */
    static final UUID SERVICE_USER = UUID.nameUUIDFromBytes("klaslijn:portal-api:event-relay".getBytes());

    private final HttpClient client;
    private final TokenSigner tokens;
    private final String base;
    private final Duration timeout;

    ChatEventsClient(PortalProperties properties, TokenSigner tokens) {
        this.tokens = tokens;
        this.timeout = properties.chat().sync().requestTimeout();
        String url = properties.chat().internalUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/internal/v1/schools/";
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Posts the events (JSON each, all of {@code school}); the chat's HTTP status. */
    int post(UUID school, List<String> eventJsons) {
        String body = "{\"events\":[" + String.join(",", eventJsons) + "]}";
        String token = tokens.issue(SERVICE_USER, new UUID(0, 0), EnumSet.of(Role.SERVICE), TokenAudience.INTERNAL,
                Duration.ofMinutes(2));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + school + "/events")).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new ChatUnreachableException("chat server not reachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnreachableException("interrupted", e);
        }
    }
}
