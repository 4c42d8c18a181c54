package nl.klaslijn.common.auth;

import java.util.Optional;

/**
 * Who an access token is for (its {@code aud} claim). A verifier accepts exactly one audience per call, so a
 * portal token is refused by the chat, a chat token by the portal, and neither opens the chat's internal API.
 */
public enum TokenAudience {
    /** portal-api's REST API. */
    PORTAL("portal"),
    /** chat-server's STOMP CONNECT. */
    CHAT("chat"),
    /** chat-server's internal HTTP API, called by portal-api only. */
    INTERNAL("internal");

    private final String claim;

    TokenAudience(String claim) {
        this.claim = claim;
    }

    /** The value carried in {@code aud}. */
    public String claim() {
        return claim;
    }

    public static Optional<TokenAudience> fromClaim(String value) {
        for (TokenAudience audience : values()) {
            if (audience.claim.equals(value)) {
                return Optional.of(audience);
            }
        }
        return Optional.empty();
    }
}
