package nl.klaslijn.chat.protocol;


/** A client request that is invalid or not allowed; becomes an ERROR frame with {@link #code()}. */
public final class RequestException extends RuntimeException {

    private final ErrorCode code;

    public RequestException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
