package nl.klaslijn.portal.accounts;

import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;

/**
 * What a login, a registration or a refresh returns.
 *
 * @param accessToken short-lived ES256 token for portal-api only ({@code aud: portal})
 * @param expiresIn seconds until the access token (and the chat token) expires
 * @param refreshToken opaque, single use: exchange it for the next pair before it expires
 * @param chatToken short-lived ES256 token for chat-server's STOMP CONNECT only ({@code aud: chat}), same lifetime
 */
public record TokenPair(String accessToken, long expiresIn, String refreshToken, UUID accountId, UUID schoolId,
        Set<Role> roles, String chatToken) {}
