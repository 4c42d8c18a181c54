package nl.klaslijn.chat.revocation;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.Admission;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.common.auth.AccessToken;

/**
 * Revoked sessions. A revocation (school, user, notBefore) refuses every token of that user at that
 * school issued in a whole second before {@code notBefore}'s second (JWT issue times are whole seconds,
 * so a token issued in the same second as the revocation, such as the new session a password change
 * returns, stays valid).
 *
 * <p>A revocation may instead name one session ({@link #storeSession}: the token's {@code sid}, one device):
 * then every token of that session is refused, and the user's other sessions are untouched.
 *
 * <p>Every node holds the revocations of the last {@code window} in memory, so {@link #admit} is a map
 * lookup: loaded from Cassandra at start and after each broker interruption, and kept current by the
 * revocation events every node receives. The window must be at least the longest access-token lifetime;
 * older revocations no longer matter because the tokens they refuse have expired.
 */
public final class Revocations implements Admission {

    private final RevocationStore store;
    private final Clock clock;
    private final Duration window;
    private final RevocationSet known = new RevocationSet();

    public Revocations(CqlSession session, Clock clock, Duration window) {
        this.store = new RevocationStore(session);
        this.clock = clock;
        this.window = window;
    }

    /** Stores a revocation durably; the caller then announces it to every node. */
    public CompletionStage<Void> store(UUID school, UUID user, Instant notBeforeTime) {
        return store.insert(school, user, notBeforeTime).thenRun(() -> remember(school, user, notBeforeTime));
    }

    /**
     * Stores the revocation of one session (device) of the user: every token carrying {@code sessionId} is
     * refused from now on; the caller then announces it to every node.
     */
    public CompletionStage<Void> storeSession(UUID school, UUID user, UUID sessionId, Instant at) {
        return store.insertSession(school, user, sessionId, at).thenRun(() -> rememberSession(school, user, sessionId, at));
    }

    /** Records a session revocation this node heard of (its own or another node's). */
    public void rememberSession(UUID school, UUID user, UUID sessionId, Instant at) {
        known.rememberSession(school, user, sessionId, at);
    }

    /** Records a revocation this node heard of (its own or another node's). */
    public void remember(UUID school, UUID user, Instant notBeforeTime) {
        known.remember(school, user, notBeforeTime);
    }

    /** Whether this token is refused by a revocation. */
    public boolean isRevoked(AccessToken token) {
        return known.refuses(token);
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
            Instant notBefore = row.notBefore();
            if (notBefore != null) {
                remember(row.school(), row.user(), notBefore);
            }
            row.sessions().forEach((sessionId, at) -> rememberSession(row.school(), row.user(), sessionId, at));
        }
        known.forgetBefore(from);
    }

}
