package nl.klaslijn.chat.sync;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of a user's conversation index. lastMessageId is null until the conversation has a message;
 * readUpTo is null until the user marked anything read.
 */
record IndexEntry(UUID conversationId, String kind, String title, @Nullable Long lastMessageId,
        @Nullable UUID lastSenderId, @Nullable String lastPreview, @Nullable Long readUpTo) {

    boolean changedAfter(long since) {
        return lastMessageId != null && lastMessageId > since;
    }

    boolean hasUnread() {
        return lastMessageId != null && (readUpTo == null || lastMessageId > readUpTo);
    }
}
