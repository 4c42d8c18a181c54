package nl.klaslijn.chat.core;

/** Client frame commands of STOMP 1.2. */
public enum StompCommand {
    CONNECT,
    STOMP,
    SEND,
    SUBSCRIBE,
    UNSUBSCRIBE,
    ACK,
    NACK,
    BEGIN,
    COMMIT,
    ABORT,
    DISCONNECT
}
