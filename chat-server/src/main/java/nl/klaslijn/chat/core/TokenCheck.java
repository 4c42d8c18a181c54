package nl.klaslijn.chat.core;

import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.InvalidTokenException;

/**
 * Verifies an access token exactly as CONNECT does (signature, issuer, expiry, claims). The composition
 * root passes the node's token verifier; the core never sees keys.
 */
@FunctionalInterface
public interface TokenCheck {

    /** The verified token; {@link InvalidTokenException} (message {@code "token expired"} when expired) otherwise. */
    AccessToken verify(String token) throws InvalidTokenException;
}
