package nl.klaslijn.chat.revocation;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;

/**
 * The revocations a node knows, in memory. Per (school, user) the latest not-before: a token is refused
 * when it was issued in a whole second before the not-before's second (JWT issue times are whole seconds).
 * Per (school, user, session id) the time that session was revoked: every token carrying that session id
 * is refused, whenever it was issued (portal-api never issues from a revoked session again).
 */
final class RevocationSet {

    private record Key(UUID school, UUID user) {}

    private record SessionKey(UUID school, UUID user, UUID session) {}

    private final ConcurrentHashMap<Key, Instant> notBefore = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SessionKey, Instant> revokedSessions = new ConcurrentHashMap<>();

    void remember(UUID school, UUID user, Instant cut) {
        notBefore.merge(new Key(school, user), cut, (a, b) -> a.isAfter(b) ? a : b);
    }

    void rememberSession(UUID school, UUID user, UUID session, Instant at) {
        revokedSessions.merge(new SessionKey(school, user, session), at, (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean refuses(AccessToken token) {
        Instant cut = notBefore.get(new Key(token.schoolId(), token.userId()));
        if (cut != null && token.issuedAt().getEpochSecond() < cut.getEpochSecond()) {
            return true;
        }
        @Nullable UUID session = token.sessionId();
        return session != null && revokedSessions.containsKey(new SessionKey(token.schoolId(), token.userId(), session));
    }

    /** Forgets revocations older than {@code from}: the tokens they refuse have expired. */
    void forgetBefore(Instant from) {
        notBefore.values().removeIf(cut -> cut.isBefore(from));
        revokedSessions.values().removeIf(at -> at.isBefore(from));
    }
}
