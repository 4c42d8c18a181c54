package nl.klaslijn.chat.revocation;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.chat.core.Admission;
import nl.klaslijn.chat.core.ErrorCode;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.common.auth.AccessToken;

/**
 * Revoked sessions. A revocation (school, user, notBefore) refuses every token of that user at that
 * school issued in a whole second before {@code notBefore}'s second (JWT issue times are whole seconds,
 * so a token issued in the same second as the revocation, such as the new session a password change
 * returns, stays valid).
 *
 * <p>Every node holds the revocations of the last {@code window} in memory, so {@link #admit} is a map
 * lookup: loaded from Cassandra at start and after each broker interruption, and kept current by the
 * revocation events every node receives. The window must be at least the longest access-token lifetime;
 * older revocations no longer matter because the tokens they refuse have expired.
 */
public final class Revocations implements Admission {

    private record Key(UUID school, UUID user) {}

    private final RevocationStore store;
    private final Clock clock;
    private final Duration window;
    private final ConcurrentHashMap<Key, Instant> notBefore = new ConcurrentHashMap<>();

    public Revocations(CqlSession session, Clock clock, Duration window) {
        this.store = new RevocationStore(session);
        this.clock = clock;
        this.window = window;
    }

    /** Stores a revocation durably; the caller then announces it to every node. */
    public CompletionStage<Void> store(UUID school, UUID user, Instant notBeforeTime) {
        return store.insert(school, user, notBeforeTime).thenRun(() -> remember(school, user, notBeforeTime));
    }

    /** Records a revocation this node heard of (its own or another node's). */
    public void remember(UUID school, UUID user, Instant notBeforeTime) {
        notBefore.merge(new Key(school, user), notBeforeTime, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Whether this token is refused by a revocation. */
    public boolean isRevoked(AccessToken token) {
        Instant cut = notBefore.get(new Key(token.schoolId(), token.userId()));
        return cut != null && token.issuedAt().getEpochSecond() < cut.getEpochSecond();
    }

    @Override
    public void admit(AccessToken token) {
        if (isRevoked(token)) {
            throw new RequestException(ErrorCode.SESSION_REVOKED, "this session was ended; log in again");
        }
    }

    /** Reloads the window from Cassandra and forgets what fell out of it (blocking: start-up, resumption). */
    public void reload() {
        Instant now = clock.instant();
        Instant from = now.minus(window);
        for (RevocationStore.Revoked row : store.since(from, now)) {
            remember(row.school(), row.user(), row.notBefore());
        }
        notBefore.values().removeIf(cut -> cut.isBefore(from));
    }

    int size() {
        return notBefore.size();
    }
}
