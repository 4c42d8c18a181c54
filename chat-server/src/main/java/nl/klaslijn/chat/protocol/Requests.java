package nl.klaslijn.chat.protocol;

import org.jspecify.annotations.Nullable;

/**
 * JSON bodies of client SEND frames (docs/protocol.md). Ids travel as strings: 64-bit message ids do
 * not fit a JavaScript number. Unknown fields are ignored so newer clients work with older servers.
 */
public final class Requests {

    private Requests() {}

    /** SEND /app/conversations/{id}/messages */
    public record SendMessage(@Nullable String clientMessageId, @Nullable String text) {}

    /** SEND /app/conversations/{id}/read */
    public record MarkRead(@Nullable String upTo) {}

    /** SEND /app/direct */
    public record StartDirect(@Nullable String userId) {}

    /** SEND /app/history */
    public record History(@Nullable String conversationId, @Nullable String before, @Nullable Integer limit) {}

    /** SEND /app/sync */
    /** cursor: the {@code cursor} of the previous, partial reply of this sync; absent on the first call. */
    public record Sync(@Nullable String since, @Nullable Integer limit, @Nullable String cursor) {}

    /** Body of /app/receipts. */
    public record Receipts(@Nullable String conversationId, @Nullable String messageId) {}

    /** Body of /app/settings; a null field is left unchanged. */
    public record Settings(@Nullable Boolean sharePresence, @Nullable Boolean sendReadReceipts) {}

    /** Body of /app/presence: "online" or "away". */
    public record SetPresence(@Nullable String state) {}

    /** Body of /app/presence/query. */
    public record QueryPresence(@Nullable String conversationId) {}

    /** Body of SEND /app/token: a fresh access token for this connection. */
    public record RenewToken(@Nullable String token) {}
}
