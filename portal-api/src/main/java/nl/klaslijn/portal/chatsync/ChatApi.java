package nl.klaslijn.portal.chatsync;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.portal.config.PortalProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat server's internal HTTP API (docs/protocol.md, section 7) as the chat sync uses it, over the JDK's
 * {@link HttpClient} with a connect and a request timeout. Every call carries a fresh SERVICE access token for audience
 * {@code internal}, signed with portal-api's key (the chat server holds only its public key). Conversation calls return the chat's member map after the call (user id → role wire name); member
 * calls return empty when the conversation does not exist there. Everything else that is not a success throws
 * {@link ChatUnavailableException}.
 */
@Component
@ConditionalOnProperty(prefix = "klaslijn.chat.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
class ChatApi {

    /** The subject of the service tokens: a fixed id naming portal-api's chat sync (not an account). */
    static final UUID SERVICE_USER = UUID.nameUUIDFromBytes("klaslijn:portal-api:chat-sync".getBytes());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final TokenSigner tokens;
    private final String base;
    private final Duration timeout;

    ChatApi(PortalProperties properties, TokenSigner tokens) {
        this.tokens = tokens;
        this.timeout = properties.chat().sync().requestTimeout();
        String url = properties.chat().internalUrl().toString();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/internal/v1/schools/";
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Creates the conversation if absent and puts {@code members} in it (idempotent); returns its members. */
    Map<UUID, String> createConversation(UUID school, UUID conversation, String kind, String title,
            Map<UUID, String> members) {
        List<Map<String, String>> list = new ArrayList<>();
        members.forEach((user, role) -> list.add(Map.of("userId", user.toString(), "role", role)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", conversation.toString());
        body.put("kind", kind);
        body.put("title", title);
        body.put("members", list);
        HttpResponse<String> r = send(request(school + "/conversations").POST(json(body)), "create conversation");
        return members(expect(r, "create conversation", 200, 201));
    }

    /** Adds the member or changes their role; empty if the conversation does not exist in the chat. */
    Optional<Map<UUID, String>> putMember(UUID school, UUID conversation, UUID user, String role) {
        HttpResponse<String> r = send(request(school + "/conversations/" + conversation + "/members/" + user)
                .PUT(json(Map.of("role", role))), "put member");
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(members(expect(r, "put member", 200)));
    }

    /** Removes the member; empty if the conversation does not exist in the chat. */
    Optional<Map<UUID, String>> removeMember(UUID school, UUID conversation, UUID user) {
        HttpResponse<String> r = send(request(school + "/conversations/" + conversation + "/members/" + user).DELETE(),
                "remove member");
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(members(expect(r, "remove member", 200)));
    }

    /**
     * Makes the user findable for direct conversations at the school; {@code staffOnly} sends {@code contact}
     * {@code staff-only} (other parents may not start a direct chat with them), else {@code anyone}.
     */
    void putDirectoryEntry(UUID school, UUID user, String displayName, String role, boolean staffOnly) {
        HttpResponse<String> r = send(request(school + "/directory/" + user)
                .PUT(json(Map.of("displayName", displayName, "role", role,
                        "contact", staffOnly ? "staff-only" : "anyone"))), "put directory entry");
        expect(r, "put directory entry", 200);
    }

    /** Removes the user from the chat's directory of the school (they are nobody there any more); idempotent. */
    void removeDirectoryEntry(UUID school, UUID user) {
        HttpResponse<String> r = send(request(school + "/directory/" + user).DELETE(), "remove directory entry");
        expect(r, "remove directory entry", 200);
    }

    /**
     * Switches the chat on or off for the school ({@code chatEnabled}; the chat's other settings keep their values):
     * while off, the chat answers {@code module-off} to every chat request of the school's users.
     */
    void putSchoolSettings(UUID school, boolean chatEnabled) {
        HttpResponse<String> r = send(request(school + "/settings").PUT(json(Map.of("chatEnabled", chatEnabled))),
                "put school settings");
        expect(r, "put school settings", 200);
    }

    /** Closes the user's live connections at the school and refuses their tokens issued before {@code notBefore}. */
    void revoke(UUID school, UUID user, Instant notBefore) {
        HttpResponse<String> r = send(request(school + "/users/" + user + "/revocations")
                .POST(json(Map.of("notBefore", notBefore.toString()))), "revoke");
        expect(r, "revoke", 200);
    }

    /** Closes one session's (device's) live connections at the school and refuses every token of that session. */
    void revokeSession(UUID school, UUID user, UUID sessionId, Instant notBefore) {
        HttpResponse<String> r = send(request(school + "/users/" + user + "/revocations")
                .POST(json(Map.of("notBefore", notBefore.toString(), "sessionId", sessionId.toString()))), "revoke session");
        expect(r, "revoke session", 200);
    }

    /**
     * Puts the pupil's registered guardians (the whole set, account ids; empty = none), for the chat's re-check of
     * GUARDIANS audiences; idempotent.
     */
    void putPupilGuardians(UUID school, UUID pupil, Set<UUID> guardianAccounts) {
        HttpResponse<String> r = send(request(school + "/pupils/" + pupil + "/guardians").PUT(json(Map.of("guardians",
                guardianAccounts.stream().map(UUID::toString).sorted().toList()))), "put pupil guardians");
        expect(r, "put pupil guardians", 200);
    }

    /** The pupil left the school: the chat forgets their guardians; idempotent. */
    void removePupil(UUID school, UUID pupil) {
        HttpResponse<String> r = send(request(school + "/pupils/" + pupil).DELETE(), "remove pupil");
        expect(r, "remove pupil", 200);
    }

    /** The profile part of the user's chat data at the school (docs/protocol.md, "Personal data"). */
    JsonNode chatProfile(UUID school, UUID user) {
        HttpResponse<String> r = send(request(school + "/users/" + user + "/chat-data").GET(), "export chat data");
        return expect(r, "export chat data", 200);
    }

    /** One page of the messages the user sent at the school: {@code messages} and {@code next} (null at the end). */
    JsonNode chatMessages(UUID school, UUID user, @Nullable String cursor) {
        String query = cursor == null ? "" : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(request(school + "/users/" + user + "/chat-data/messages" + query).GET(),
                "export chat messages");
        return expect(r, "export chat messages", 200);
    }

    /**
     * Erases what the chat holds on the user at the school (their messages stay as a deleted user's, without text);
     * false when the chat has more to do and wants another call. Idempotent.
     */
    boolean eraseChatData(UUID school, UUID user) {
        HttpResponse<String> r = send(request(school + "/users/" + user + "/chat-data").DELETE(), "erase chat data");
        return expect(r, "erase chat data", 200).path("done").asBoolean(false);
    }

    private HttpRequest.Builder request(String path) {
        String token = tokens.issue(SERVICE_USER, new UUID(0, 0), EnumSet.of(Role.SERVICE), TokenAudience.INTERNAL,
                Duration.ofMinutes(2));
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ChatUnavailableException(what + ": chat server timed out", true, e);
        } catch (IOException e) {
            throw new ChatUnavailableException(what + ": chat server not reachable (" + e.getClass().getSimpleName() + ")",
                    true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnavailableException(what + ": interrupted", true, e);
        }
    }

    private static JsonNode expect(HttpResponse<String> r, String what, int... ok) {
        for (int status : ok) {
            if (r.statusCode() == status) {
                return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
            }
        }
        String hint = r.statusCode() == 401 || r.statusCode() == 403
                ? " (does the chat server's klaslijn.chat.token-verification-keys hold the public key of klaslijn.auth.token-signing-key?)" : "";
        throw new ChatUnavailableException(what + ": chat server answered " + r.statusCode() + hint);
    }

    private static Map<UUID, String> members(JsonNode conversation) {
        Map<UUID, String> members = new HashMap<>();
        conversation.path("members").properties().forEach(e -> members.put(UUID.fromString(e.getKey()),
                e.getValue().asString()));
        return members;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }
}
