package nl.klaslijn.chat.broker;

/** The broker could not accept a publish or subscription change now (e.g. Redis is unreachable). */
public final class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
