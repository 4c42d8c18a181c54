package nl.klaslijn.common.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The verified content of a short-lived access token: who the bearer is, in which school (tenant),
 * with which roles, issued when (whole seconds, as JWT carries it), until when, and for which audience.
 * Only {@link TokenVerifier} creates these, after checking the signature, the audience and the times, so
 * holding one means the token was valid for {@code audience} when it was verified.
 *
 * @param sessionId the {@code sid} claim: the per-device session (portal-api's refresh-token family) the token
 *     was issued from, or null for a token issued outside a session (service tokens). A revocation may name one
 *     session id instead of all of a user's sessions.
 */
public record AccessToken(UUID userId, UUID schoolId, Set<Role> roles, Instant issuedAt, Instant expiresAt,
        TokenAudience audience, @Nullable UUID sessionId) {

    public AccessToken {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
