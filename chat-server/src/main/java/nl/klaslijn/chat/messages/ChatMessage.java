package nl.klaslijn.chat.messages;

import java.time.Instant;
import java.util.UUID;
import nl.klaslijn.common.ids.SnowflakeIds;

/** A stored chat message. {@code id} is the server's Snowflake id; it orders messages within a conversation. */
public record ChatMessage(UUID schoolId, UUID conversationId, long id, UUID senderId, String clientMessageId,
        String text) {

    public Instant sentAt() {
        return SnowflakeIds.timeOf(id);
    }
}
