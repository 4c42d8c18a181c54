package nl.klaslijn.chat.protocol;

/**
 * Machine-readable reasons carried in the {@code error-code} header of ERROR frames (and as the reason of
 * the WebSocket close where no ERROR frame can be sent). docs/protocol.md lists each with its meaning.
 */
public enum ErrorCode {
    BAD_TOKEN("bad-token"),
    TOKEN_EXPIRED("token-expired"),
    SESSION_REVOKED("session-revoked"),
    TOKEN_MISMATCH("token-mismatch"),
    TOKEN_NOT_NEWER("token-not-newer"),
    NOT_CONNECTED("not-connected"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNSUPPORTED_COMMAND("unsupported-command"),
    MALFORMED_FRAME("malformed-frame"),
    MALFORMED_BODY("malformed-body"),
    FRAME_TOO_LARGE("frame-too-large"),
    TOO_MANY_HEADERS("too-many-headers"),
    UNKNOWN_DESTINATION("unknown-destination"),
    NOT_A_MEMBER("not-a-member"),
    FORBIDDEN("forbidden"),
    MODULE_OFF("module-off"),
    NOT_FOUND("not-found"),
    DUPLICATE_SUBSCRIPTION("duplicate-subscription"),
    NO_REPLY_SUBSCRIPTION("no-reply-subscription"),
    TOO_MANY_SUBSCRIPTIONS("too-many-subscriptions"),
    RATE_LIMITED("rate-limited"),
    TOO_MANY_IN_FLIGHT("too-many-in-flight"),
    TOO_MANY_CONNECTIONS("too-many-connections"),
    SLOW_CONSUMER("slow-consumer"),
    IDLE_TIMEOUT("idle-timeout"),
    STORAGE_UNAVAILABLE("storage-unavailable"),
    SHUTTING_DOWN("shutting-down"),
    CLIENT_ID_REUSED("client-id-reused"),
    NODE_UNAVAILABLE("node-unavailable"),
    INTERNAL("internal-error");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The value sent in the {@code error-code} header. */
    public String wireName() {
        return wireName;
    }
}
