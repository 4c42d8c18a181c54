package nl.klaslijn.chat.sync;

import com.datastax.oss.driver.api.core.CqlSession;
import nl.klaslijn.common.cassandra.AsyncRows;
import nl.klaslijn.common.cassandra.Statements;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.messages.Buckets;

/** Reads a user's conversation index (one partition) and moves their read pointers. */
final class UserIndexStore {

    private final CqlSession session;
    private final PreparedStatement selectAll;
    private final PreparedStatement markRead;

    UserIndexStore(CqlSession session) {
        this.session = session;
        selectAll = Statements.idempotent(session, "SELECT conversation_id, kind, title, last_message_id, last_sender_id, last_preview,"
                + " read_up_to FROM user_conversations WHERE school_id = ? AND user_id = ?");
        markRead = Statements.idempotent(session, "UPDATE user_conversations USING TIMESTAMP ? SET read_up_to = ?"
                + " WHERE school_id = ? AND user_id = ? AND conversation_id = ?");
    }

    /**
     * Every conversation the user is in. Rows without a kind are left out: they are last-message cells
     * that raced with the user's removal from the conversation.
     */
    CompletionStage<List<IndexEntry>> entries(UUID school, UUID user) {
        return AsyncRows.all(session.executeAsync(selectAll.bind(school, user)), row -> row.getString("kind") == null
                ? null
                : new IndexEntry(row.getUuid("conversation_id"), row.getString("kind"), row.getString("title"),
                        row.isNull("last_message_id") ? null : row.getLong("last_message_id"), row.getUuid("last_sender_id"),
                        row.getString("last_preview"), row.isNull("read_up_to") ? null : row.getLong("read_up_to")));
    }

    /** Moves the read pointer to {@code upTo}; a pointer already further stays where it is. */
    CompletionStage<Void> markRead(UUID school, UUID user, UUID conversation, long upTo) {
        return session.executeAsync(markRead.bind(Buckets.writeTimestampMicros(upTo), upTo, school, user, conversation))
                .thenApply(rs -> null);
    }
}
