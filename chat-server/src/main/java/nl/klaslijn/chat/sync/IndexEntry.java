package nl.klaslijn.chat.sync;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.userindex.UserIndex;
import org.jspecify.annotations.Nullable;

/**
 * One row of a user's conversation index. lastMessageId is null until the conversation has a message;
 * readUpTo is null until the user marked anything read.
 */
record IndexEntry(UUID conversationId, String kind, String title, @Nullable Long lastMessageId,
        @Nullable UUID lastSenderId, @Nullable String lastPreview, @Nullable Long readUpTo) {

    /**
     * Every conversation the user is in. Rows without a kind are left out: they are last-message cells
     * that raced with the user's removal from the conversation.
     */
    static CompletionStage<List<IndexEntry>> of(UserIndex index, UUID school, UUID user) {
        return index.rows(school, user).thenApply(rows -> rows.stream()
                .filter(row -> row.kind() != null)
                .map(row -> new IndexEntry(row.conversationId(), row.kind(), row.title(),
                        row.lastMessageId(), row.lastSenderId(), row.lastPreview(), row.readUpTo()))
                .toList());
    }

    boolean changedAfter(long since) {
        return lastMessageId != null && lastMessageId > since;
    }

    boolean hasUnread() {
        return lastMessageId != null && (readUpTo == null || lastMessageId > readUpTo);
    }
}
