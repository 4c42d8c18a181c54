package nl.klaslijn.common.auth;

/** A token was malformed, badly signed, expired or missing a claim; the message says which, and never echoes the token. */
public final class InvalidTokenException extends Exception {
    public InvalidTokenException(String reason) {
        super(reason);
    }
}
