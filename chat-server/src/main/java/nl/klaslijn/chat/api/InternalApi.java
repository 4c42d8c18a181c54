package nl.klaslijn.chat.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.core.Failures;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import nl.klaslijn.chat.core.http.HttpReply;
import nl.klaslijn.chat.delivery.LivePublisher;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.settings.SchoolPreferences;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.InvalidTokenException;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenVerifier;
import org.jspecify.annotations.Nullable;

/**
 * The small internal API portal-api calls to create group conversations, change their members and keep the
 * school directory in step, plus {@code GET /health}. It listens on its own HTTP-only port (loopback by default,
 * never the WebSocket port). Internal calls need a bearer token for audience {@code internal} with the SERVICE
 * role, signed by portal-api. docs/protocol.md describes each. Errors are RFC 9457 problem documents.
 */
public final class InternalApi implements HttpEndpoints {

    private static final String PREFIX = "/internal/v1/schools/";

    private final TokenVerifier tokens;
    private final Conversations conversations;
    private final SchoolDirectory directory;
    private final LivePublisher hub;
    private final Preferences preferences;
    private final IntSupplier connectionCount;
    private final List<InternalRoutes> more;

    public InternalApi(TokenVerifier tokens, Conversations conversations, SchoolDirectory directory, LivePublisher hub,
            Preferences preferences, IntSupplier connectionCount, PersonalDataRoutes personalData,
            RetentionRoutes retention, PortalEventRoutes portalEvents) {
        this.more = List.of(personalData, retention, portalEvents);
        this.preferences = preferences;
        this.tokens = tokens;
        this.conversations = conversations;
        this.directory = directory;
        this.hub = hub;
        this.connectionCount = connectionCount;
    }

    /**
     * Body of POST .../users/{user}/revocations. Without {@code sessionId}: every session of the user at the
     * school, tokens issued before {@code notBefore}; with it: only that session (device), every token of it.
     */
    record Revocation(@Nullable String notBefore, @Nullable String sessionId) {}

    /** Body of POST /internal/v1/schools/{school}/conversations. */
    record CreateConversation(@Nullable String conversationId, @Nullable String kind, @Nullable String title,
            @Nullable List<Member> members) {}

    record Member(@Nullable String userId, @Nullable String role) {}

    /** Body of PUT .../members/{user}. */
    record PutMember(@Nullable String role) {}

    /** Body of PUT .../directory/{user}. contact: "anyone" (default) or "staff-only". */
    record PutPerson(@Nullable String displayName, @Nullable String role, @Nullable String contact) {}

    /** Body of PUT .../settings; a null field keeps its current value. */
    record PutSchoolSettings(@Nullable Boolean readDetailDirect, @Nullable Boolean readDetailGroup,
            @Nullable Boolean readDetailAnnouncement, @Nullable Boolean chatEnabled) {}

    @Override
    public CompletionStage<HttpReply> handle(HttpCall call) {
        if (call.path().equals("/health")) {
            return HealthEndpoint.health(call, connectionCount);
        }
        if (!call.path().startsWith(PREFIX)) {
            return done(HttpReply.problem(404, "Not Found", "no such endpoint"));
        }
        try {
            authorize(call);
            return route(call).exceptionally(InternalApi::problem);
        } catch (RuntimeException e) {
            return done(problem(e));
        }
    }

    private CompletionStage<HttpReply> route(HttpCall call) {
        String[] parts = call.path().substring(PREFIX.length()).split("/", -1);
        UUID school = Wire.uuid(parts[0], "school id");
        for (InternalRoutes routes : more) {
            CompletionStage<HttpReply> reply = routes.route(call, school, parts);
            if (reply != null) {
                return reply;
            }
        }
        if (parts.length == 2 && parts[1].equals("conversations") && call.method().equals("POST")) {
            return create(school, Wire.decode(call.body(), CreateConversation.class));
        }
        if (parts.length == 5 && parts[1].equals("conversations") && parts[3].equals("members")) {
            UUID conversation = Wire.uuid(parts[2], "conversation id");
            UUID user = Wire.uuid(parts[4], "user id");
            if (call.method().equals("PUT")) {
                MemberRole role = role(Wire.decode(call.body(), PutMember.class).role());
                return conversations.putMember(school, conversation, user, role).thenApply(c -> json(200, view(c)));
            }
            if (call.method().equals("DELETE")) {
                return conversations.removeMember(school, conversation, user).thenApply(c -> json(200, view(c)));
            }
        }
        if (parts.length == 4 && parts[1].equals("users") && parts[3].equals("revocations")
                && call.method().equals("POST")) {
            UUID user = Wire.uuid(parts[2], "user id");
            Revocation body = Wire.decode(call.body(), Revocation.class);
            Instant notBefore = instant(body.notBefore(), "notBefore");
            CompletionStage<Void> revoked = body.sessionId() == null ? hub.revoke(school, user, notBefore)
                    : hub.revokeSession(school, user, Wire.uuid(body.sessionId(), "sessionId"), notBefore);
            return revoked
                    .thenApply(done -> HttpReply.json(200, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        if (parts.length == 2 && parts[1].equals("settings") && call.method().equals("PUT")) {
            PutSchoolSettings body = Wire.decode(call.body(), PutSchoolSettings.class);
            return preferences.school(school).thenCompose(current -> preferences.putSchool(school, new SchoolPreferences(
                    body.readDetailDirect() == null ? current.readDetailDirect() : body.readDetailDirect(),
                    body.readDetailGroup() == null ? current.readDetailGroup() : body.readDetailGroup(),
                    body.readDetailAnnouncement() == null ? current.readDetailAnnouncement() : body.readDetailAnnouncement(),
                    body.chatEnabled() == null ? current.chatEnabled() : body.chatEnabled())))
                    .thenApply(saved -> {
                        hub.schoolSettingsChanged(school);
                        return json(200, saved);
                    });
        }
        if (parts.length == 3 && parts[1].equals("directory") && call.method().equals("DELETE")) {
            return directory.remove(school, Wire.uuid(parts[2], "user id"))
                    .thenApply(done -> HttpReply.json(200, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        if (parts.length == 3 && parts[1].equals("directory") && call.method().equals("PUT")) {
            UUID user = Wire.uuid(parts[2], "user id");
            PutPerson person = Wire.decode(call.body(), PutPerson.class);
            String name = requiredText(person.displayName(), "displayName", 200);
            String role = requiredText(person.role(), "role", 40);
            if (person.contact() != null && !person.contact().equals("anyone") && !person.contact().equals("staff-only")) {
                throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                        "contact must be anyone or staff-only");
            }
            return directory.put(new SchoolDirectory.Person(school, user, name, role, "staff-only".equals(person.contact())))
                    .thenApply(done -> HttpReply.json(200, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        return done(HttpReply.problem(404, "Not Found", "no such endpoint"));
    }

    private static Instant instant(@Nullable String text, String field) {
        if (text == null) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY, field + " is required");
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                    field + " must be an ISO-8601 instant such as 2026-11-22T20:15:00Z");
        }
    }

    private CompletionStage<HttpReply> create(UUID school, CreateConversation body) {
        ConversationKind kind;
        try {
            kind = ConversationKind.fromWire(String.valueOf(body.kind()));
        } catch (IllegalArgumentException e) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                    "kind must be group or announcement");
        }
        if (kind == ConversationKind.DIRECT) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                    "direct conversations are opened by their members");
        }
        String title = requiredText(body.title(), "title", 200);
        UUID id = body.conversationId() == null ? UUID.randomUUID() : Wire.uuid(body.conversationId(), "conversationId");
        Map<UUID, MemberRole> members = new LinkedHashMap<>();
        if (body.members() == null || body.members().isEmpty() || body.members().size() > 2000) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY, "members must list 1 to 2000 users");
        }
        for (Member m : body.members()) {
            members.put(Wire.uuid(m.userId(), "members[].userId"), role(m.role()));
        }
        UUID creator = members.keySet().iterator().next();
        return conversations.create(school, id, kind, title, creator, members).thenApply(c -> json(201, view(c)));
    }

    private void authorize(HttpCall call) {
        String header = call.header("authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new Unauthorized("a service bearer token is required");
        }
        AccessToken token;
        try {
            token = tokens.verify(header.substring("Bearer ".length()), TokenAudience.INTERNAL);
        } catch (InvalidTokenException e) {
            throw new Unauthorized(e.getMessage());
        }
        if (!token.hasRole(Role.SERVICE)) {
            throw new Forbidden();
        }
    }

    private static Map<String, Object> view(Conversation c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id().toString());
        out.put("kind", c.kind().wireName());
        out.put("title", c.title());
        Map<String, String> members = new LinkedHashMap<>();
        c.members().forEach((user, role) -> members.put(user.toString(), role.wireName()));
        out.put("members", members);
        return out;
    }

    private static MemberRole role(@Nullable String name) {
        try {
            return MemberRole.fromWire(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                    "role must be member, owner or reader");
        }
    }

    private static String requiredText(@Nullable String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new RequestException(nl.klaslijn.chat.protocol.ErrorCode.MALFORMED_BODY,
                    field + " must be 1 to " + max + " characters");
        }
        return value;
    }

    private static HttpReply json(int status, Object body) {
        return HttpReply.json(status, Wire.encode(body));
    }

    private static CompletionStage<HttpReply> done(HttpReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static HttpReply problem(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof Unauthorized u) {
            return HttpReply.problem(401, "Unauthorized", u.getMessage());
        }
        if (cause instanceof Forbidden) {
            return HttpReply.problem(403, "Forbidden", "this endpoint is for services");
        }
        RequestException e = Failures.toRequestException(cause);
        return switch (e.code()) {
            case MALFORMED_BODY -> HttpReply.problem(400, "Bad Request", e.getMessage());
            case NOT_FOUND, NOT_A_MEMBER -> HttpReply.problem(404, "Not Found", e.getMessage());
            case STORAGE_UNAVAILABLE -> HttpReply.problem(503, "Service Unavailable", e.getMessage());
            default -> HttpReply.problem(500, "Internal Server Error", "internal error");
        };
    }

    private static final class Unauthorized extends RuntimeException {
        Unauthorized(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Forbidden extends RuntimeException {
        Forbidden() {
            super("forbidden", null, false, false);
        }
    }
}
