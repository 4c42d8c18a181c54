package nl.klaslijn.chat.client;

/** The server answered with an ERROR frame; {@link #frame()} holds it (see its error-code header). */
public final class StompErrorException extends RuntimeException {

    private final StompFrame frame;

    public StompErrorException(StompFrame frame) {
        super(frame.header("error-code") + ": " + frame.header("message"));
        this.frame = frame;
    }

    public StompFrame frame() {
        return frame;
    }

    public String errorCode() {
        return String.valueOf(frame.header("error-code"));
    }
}
