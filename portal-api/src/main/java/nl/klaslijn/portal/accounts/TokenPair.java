package nl.klaslijn.portal.accounts;

import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;

/**
 * What a login, a registration or a refresh returns.
 *
 * @param accessToken short-lived HS256 token for portal-api and for chat-server's STOMP CONNECT
 * @param expiresIn seconds until the access token expires
 * @param refreshToken opaque, single use: exchange it for the next pair before it expires
 */
public record TokenPair(String accessToken, long expiresIn, String refreshToken, UUID accountId, UUID schoolId,
        Set<Role> roles) {}
