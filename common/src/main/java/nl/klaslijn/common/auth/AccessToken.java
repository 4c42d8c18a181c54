package nl.klaslijn.common.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The verified content of a short-lived access token: who the bearer is, in which school (tenant),
 * with which roles, issued when (whole seconds, as JWT carries it), until when, and for which audience.
 * Only {@link TokenVerifier} creates these, after checking the signature, the audience and the times, so
 * holding one means the token was valid for {@code audience} when it was verified.
 */
public record AccessToken(UUID userId, UUID schoolId, Set<Role> roles, Instant issuedAt, Instant expiresAt,
        TokenAudience audience) {

    public AccessToken {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
