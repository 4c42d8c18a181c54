package nl.klaslijn.chat.client;

import org.jspecify.annotations.Nullable;

/** portal-api refused a call of the session (a wrong password, an expired session, ...) or could not be reached; the message says which. */
final class PortalException extends RuntimeException {

    PortalException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
