package nl.klaslijn.chat.sync;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.userindex.UserIndex;

/** Which conversations a user is in, from their per-user index (one partition read). */
public final class ConversationIndex {

    private final UserIndex index;

    public ConversationIndex(CqlSession session) {
        this.index = new UserIndex(session);
    }

    public CompletionStage<List<UUID>> conversationIds(UUID school, UUID user) {
        return IndexEntry.of(index, school, user).thenApply(entries -> entries.stream().map(IndexEntry::conversationId).toList());
    }
}
