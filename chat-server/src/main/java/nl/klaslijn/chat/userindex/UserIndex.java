package nl.klaslijn.chat.userindex;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.common.cassandra.AsyncRows;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of {@code user_conversations}, the per-user conversation index (school, user) → conversation: no
 * other class reads or writes that table. Conversations put and remove entries, messages move the last message,
 * sync reads the index and moves read pointers, the export, the erasure and the retention sweep read and clear
 * it: all through the methods here. Columns are read by name and bound by name.
 *
 * <p>Cells that must only move forward (last message, read pointer) are written {@code USING TIMESTAMP}
 * {@code writeMicros}, which the caller derives from the message id ({@code messages.Buckets.writeTimestampMicros}),
 * so a late retry never moves them back. Statements meant to join a caller's batch (a member's entry with the
 * membership, a message's index cells) are returned bound, not executed.
 */
public final class UserIndex {

    /**
     * One row of a user's index. {@code kind} is null on a row that holds only last-message cells (they raced with
     * the user's removal from the conversation); lastMessageId is null until the conversation has a message, readUpTo
     * until the user marked anything read.
     */
    public record Entry(UUID conversationId, @Nullable String kind, @Nullable String title, @Nullable Long lastMessageId,
            @Nullable UUID lastSenderId, @Nullable String lastPreview, @Nullable Long readUpTo) {}

    private static final String COLUMNS = "conversation_id, kind, title, last_message_id, last_sender_id, last_preview,"
            + " read_up_to";
    private static final String ONE_ROW = " WHERE school_id = :school_id AND user_id = :user_id"
            + " AND conversation_id = :conversation_id";

    private final CqlSession session;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectOne;
    private final PreparedStatement putEntry;
    private final PreparedStatement removeEntry;
    private final PreparedStatement lastMessage;
    private final PreparedStatement markRead;
    private final PreparedStatement replaceLastSender;
    private final PreparedStatement deletePreview;
    private final PreparedStatement deleteAll;

    public UserIndex(CqlSession session) {
        this.session = session;
        selectAll = Statements.idempotent(session, "SELECT " + COLUMNS + " FROM user_conversations"
                + " WHERE school_id = :school_id AND user_id = :user_id");
        selectOne = Statements.idempotent(session, "SELECT " + COLUMNS + " FROM user_conversations" + ONE_ROW);
        putEntry = Statements.idempotent(session, "UPDATE user_conversations SET kind = :kind, title = :title" + ONE_ROW);
        removeEntry = Statements.idempotent(session, "DELETE FROM user_conversations" + ONE_ROW);
        lastMessage = Statements.idempotent(session, "UPDATE user_conversations USING TIMESTAMP :write_micros"
                + " SET last_message_id = :last_message_id, last_sender_id = :last_sender_id,"
                + " last_preview = :last_preview" + ONE_ROW);
        markRead = Statements.idempotent(session, "UPDATE user_conversations USING TIMESTAMP :write_micros"
                + " SET read_up_to = :read_up_to" + ONE_ROW);
        replaceLastSender = Statements.idempotent(session, "UPDATE user_conversations USING TIMESTAMP :write_micros"
                + " SET last_sender_id = :last_sender_id, last_preview = '' " + ONE_ROW);
        deletePreview = Statements.idempotent(session, "DELETE last_preview FROM user_conversations"
                + " USING TIMESTAMP :write_micros" + ONE_ROW);
        deleteAll = Statements.idempotent(session, "DELETE FROM user_conversations"
                + " WHERE school_id = :school_id AND user_id = :user_id");
    }

    /** Every row of the user's index, in conversation id order (one partition read). */
    public CompletionStage<List<Entry>> rows(UUID school, UUID user) {
        BoundStatement read = selectAll.boundStatementBuilder()
                .setUuid("school_id", school).setUuid("user_id", user).build();
        return AsyncRows.all(session.executeAsync(read), UserIndex::entryOf);
    }

    /** The user's row of one conversation, if any. Blocking: not for an event loop. */
    public Optional<Entry> row(UUID school, UUID user, UUID conversation) {
        Row row = session.execute(oneRow(selectOne, school, user, conversation)
                .build()).one();
        return Optional.ofNullable(row).map(UserIndex::entryOf);
    }

    /** The conversation's entry (kind, title) in the member's index, for the caller's membership batch. */
    public BoundStatement putEntry(UUID school, UUID user, UUID conversation, String kind, String title) {
        return oneRow(putEntry, school, user, conversation).setString("kind", kind).setString("title", title).build();
    }

    /** Removes the conversation from the member's index, for the caller's membership batch. */
    public BoundStatement removeEntry(UUID school, UUID user, UUID conversation) {
        return oneRow(removeEntry, school, user, conversation).build();
    }

    /** The member's last-message cells for a stored message, for the caller's index batch. */
    public BoundStatement lastMessage(UUID school, UUID user, UUID conversation, long messageId, UUID sender,
            String preview, long writeMicros) {
        return oneRow(lastMessage, school, user, conversation)
                .setLong("write_micros", writeMicros)
                .setLong("last_message_id", messageId)
                .setUuid("last_sender_id", sender)
                .setString("last_preview", preview)
                .build();
    }

    /** Moves the read pointer to {@code upTo}; a pointer already further (a later write time) stays where it is. */
    public CompletionStage<Void> markRead(UUID school, UUID user, UUID conversation, long upTo, long writeMicros) {
        BoundStatement write = oneRow(markRead, school, user, conversation)
                .setLong("write_micros", writeMicros).setLong("read_up_to", upTo).build();
        return session.executeAsync(write).thenApply(rs -> null);
    }

    /**
     * Replaces the sender of the member's last-message preview and empties the text, written at {@code writeMicros}
     * (the erasure passes the message's own write time plus one, so a later message's cells win). Blocking.
     */
    public void replaceLastSender(UUID school, UUID member, UUID conversation, UUID sender, long writeMicros) {
        session.execute(oneRow(replaceLastSender, school, member, conversation)
                .setLong("write_micros", writeMicros).setUuid("last_sender_id", sender).build());
    }

    /**
     * Deletes the member's preview of the message written at {@code writeMicros}: a tombstone wins over a cell of the
     * same timestamp, and a later message's preview (a later timestamp) survives. Blocking.
     */
    public void deletePreview(UUID school, UUID member, UUID conversation, long writeMicros) {
        session.execute(oneRow(deletePreview, school, member, conversation).setLong("write_micros", writeMicros).build());
    }

    /** Deletes the user's whole index at the school (the last step of an erasure). Blocking. */
    public void deleteAll(UUID school, UUID user) {
        session.execute(deleteAll.boundStatementBuilder().setUuid("school_id", school).setUuid("user_id", user).build());
    }

    private static BoundStatementBuilder oneRow(PreparedStatement statement,
            UUID school, UUID user, UUID conversation) {
        return statement.boundStatementBuilder()
                .setUuid("school_id", school).setUuid("user_id", user).setUuid("conversation_id", conversation);
    }

    private static Entry entryOf(Row row) {
        return new Entry(row.getUuid("conversation_id"), row.getString("kind"), row.getString("title"),
                row.isNull("last_message_id") ? null : row.getLong("last_message_id"), row.getUuid("last_sender_id"),
                row.getString("last_preview"), row.isNull("read_up_to") ? null : row.getLong("read_up_to"));
    }
}
