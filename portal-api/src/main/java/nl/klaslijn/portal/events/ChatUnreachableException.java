package nl.klaslijn.portal.events;

/** The chat server gave no usable answer (unreachable, timed out, 5xx, refused our token): the relay backs off. */
final class ChatUnreachableException extends RuntimeException {

    ChatUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    ChatUnreachableException(String message) {
        super(message);
    }
}
