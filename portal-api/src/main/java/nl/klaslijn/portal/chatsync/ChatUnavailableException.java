package nl.klaslijn.portal.chatsync;

/**
 * A call to the chat server's internal API did not succeed: not reachable, timed out, refused our service token, or
 * answered with an error. The work stays recorded and is retried with backoff. Messages carry no personal data.
 *
 * @see #unreachable() true when the chat server could not be reached at all (the reconciler then pauses the pass)
 */
final class ChatUnavailableException extends RuntimeException {

    private final boolean unreachable;

    ChatUnavailableException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    ChatUnavailableException(String message) {
        super(message);
        this.unreachable = false;
    }

    boolean unreachable() {
        return unreachable;
    }
}
