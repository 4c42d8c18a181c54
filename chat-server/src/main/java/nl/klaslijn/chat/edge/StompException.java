package nl.klaslijn.chat.edge;

import nl.klaslijn.chat.protocol.ErrorCode;

/** A client frame broke the protocol or a limit; the connection answers with an ERROR frame and closes. */
final class StompException extends RuntimeException {

    private final ErrorCode code;

    StompException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
