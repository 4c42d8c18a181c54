package nl.klaslijn.chat.messages;

/** A send refused or not finished, with the reason the protocol reports. */
public final class SendException extends RuntimeException {

    public enum Reason {
        /** The client message id was already used by this sender in this conversation for another text. */
        CLIENT_ID_REUSED,
        /** Another attempt of the same message is still under way, or storage was too slow: retry with the same id. */
        RETRY
    }

    private final Reason reason;

    SendException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
