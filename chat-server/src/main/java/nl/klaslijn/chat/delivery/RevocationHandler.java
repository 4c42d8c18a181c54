package nl.klaslijn.chat.delivery;

import java.time.Instant;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.revocation.Revocations;

/**
 * {@code REVOCATION}: remembered on this node, and the user's sessions it revokes are closed with
 * {@code session-revoked}. An empty body revokes every session of the user at the school; a 16-byte body
 * names one session (the token's {@code sid}); value = not-before / revocation time (epoch millis).
 */
final class RevocationHandler implements LiveEventHandler {

    private final LocalSessions sessions;
    private final Revocations revocations;

    RevocationHandler(LocalSessions sessions, Revocations revocations) {
        this.sessions = sessions;
        this.revocations = revocations;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.REVOCATION;
    }

    @Override
    public void handle(LiveEvent event) {
        if (event.body().length == 16) {
            revocations.rememberSession(event.school(), event.user(), LiveEvent.uuidOf(event.body()),
                    Instant.ofEpochMilli(event.value()));
        } else {
            revocations.remember(event.school(), event.user(), Instant.ofEpochMilli(event.value()));
        }
        sessions.forEachOfUser(event.user(), session -> {
            if (revocations.isRevoked(session.connection().principal())) {
                session.connection().close(ErrorCode.SESSION_REVOKED, "this session was ended; log in again");
            }
        });
    }
}
