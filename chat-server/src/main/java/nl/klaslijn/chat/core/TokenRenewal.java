package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.util.Objects;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Requests;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.InvalidTokenException;
import org.jspecify.annotations.Nullable;

/**
 * SEND {@code /app/token}: the in-band refresh that keeps a live session open past its token's expiry.
 *
 * <p>Contract (docs/protocol.md section 5): the body's token is verified like CONNECT's and must name the
 * same user, school, roles and session id as the connection's current token and expire later than it. Then
 * it replaces the current token (its expiry is what the transport enforces) and the client gets a RECEIPT
 * with {@code expires-at}. Otherwise the connection stays open and unchanged and the client gets a
 * {@code token-refused} reply on {@code /user/replies} with a precise code ({@code bad-token},
 * {@code token-expired}, {@code token-mismatch}, {@code token-not-newer}, {@code malformed-body}). A fresh
 * token that a revocation refuses ends the session ({@code session-revoked}), as it would at CONNECT.
 */
final class TokenRenewal {

    private final TokenCheck verifier;
    private final Admission admission;

    TokenRenewal(TokenCheck verifier, Admission admission) {
        this.verifier = verifier;
        this.admission = admission;
    }

    void renew(ClientSession session, ClientFrame frame, @Nullable String receipt) {
        RequestRouter.requireReplySubscription(session);
        String correlation = frame.header("correlation-id");
        AccessToken current = session.connection().principal();
        AccessToken fresh;
        try {
            fresh = check(current, frame);
        } catch (RequestException e) {
            session.reply("token-refused", Wire.encode(new Views.TokenRefused(e.code().wireName(), e.getMessage())),
                    correlation);
            return;
        }
        admission.admit(fresh); // a revoked token ends the session, as at CONNECT
        session.connection().renew(fresh);
        session.receipt(receipt, "expires-at", fresh.expiresAt().toString());
    }

    private AccessToken check(AccessToken current, ClientFrame frame) {
        String raw = Wire.decode(frame.body(), Requests.RenewToken.class).token();
        if (raw == null || raw.isEmpty()) {
            throw new RequestException(ErrorCode.MALFORMED_BODY, "token is required");
        }
        AccessToken fresh;
        try {
            fresh = verifier.verify(raw);
        } catch (InvalidTokenException e) {
            String reason = e.getMessage() == null ? "invalid token" : e.getMessage();
            throw new RequestException("token expired".equals(reason) ? ErrorCode.TOKEN_EXPIRED : ErrorCode.BAD_TOKEN,
                    reason);
        }
        if (!fresh.userId().equals(current.userId()) || !fresh.schoolId().equals(current.schoolId())
                || !Objects.equals(fresh.sessionId(), current.sessionId())) {
            throw new RequestException(ErrorCode.TOKEN_MISMATCH, "the token is for another user, school or session");
        }
        if (!fresh.roles().equals(current.roles())) {
            throw new RequestException(ErrorCode.TOKEN_MISMATCH, "the token carries other roles: reconnect with it");
        }
        if (!fresh.expiresAt().isAfter(current.expiresAt())) {
            throw new RequestException(ErrorCode.TOKEN_NOT_NEWER, "the token does not expire later than the current one");
        }
        return fresh;
    }
}
