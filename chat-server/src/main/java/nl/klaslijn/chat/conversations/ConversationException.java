package nl.klaslijn.chat.conversations;

/** A conversation request that cannot be honoured; {@link #reason()} says why, the message says it for people. */
public final class ConversationException extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        INVALID,
        /** Not a member (or no such conversation: the two are not told apart). */
        FORBIDDEN,
        /** A member who may read but not post. */
        READ_ONLY,
        /** Refused by someone's choice (e.g. a parent who is contacted by staff only). */
        NOT_ALLOWED
    }

    private final Reason reason;

    public ConversationException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
