package nl.klaslijn.chat.revocation;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.common.auth.AccessToken;

/**
 * The revocations a node knows, in memory: per (school, user) the latest not-before. A token is refused
 * when it was issued in a whole second before the not-before's second (JWT issue times are whole seconds).
 */
final class RevocationSet {

    private record Key(UUID school, UUID user) {}

    private final ConcurrentHashMap<Key, Instant> notBefore = new ConcurrentHashMap<>();

    void remember(UUID school, UUID user, Instant cut) {
        notBefore.merge(new Key(school, user), cut, (a, b) -> a.isAfter(b) ? a : b);
    }

    boolean refuses(AccessToken token) {
        Instant cut = notBefore.get(new Key(token.schoolId(), token.userId()));
        return cut != null && token.issuedAt().getEpochSecond() < cut.getEpochSecond();
    }

    /** Forgets revocations older than {@code from}: the tokens they refuse have expired. */
    void forgetBefore(Instant from) {
        notBefore.values().removeIf(cut -> cut.isBefore(from));
    }
}
