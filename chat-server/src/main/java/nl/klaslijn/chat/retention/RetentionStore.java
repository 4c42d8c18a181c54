package nl.klaslijn.chat.retention;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import nl.klaslijn.chat.userindex.UserIndex;
import nl.klaslijn.common.cassandra.Statements;

/** Tables school_retention (the setting) and what the sweep reads and deletes. Synchronous; idempotent writes. */
final class RetentionStore {

    /** One conversation as the sweep walks them. */
    record SweptConversation(UUID school, UUID conversation, long bucketMillis) {}

    /** A member's last message in their index, when it still has a preview. */
    record LastMessage(UUID member, long messageId) {}

    private final CqlSession session;
    private final PreparedStatement selectDays;
    private final PreparedStatement upsertDays;
    private final PreparedStatement allConversations;
    private final PreparedStatement oldBuckets;
    private final PreparedStatement deleteBucket;
    private final PreparedStatement deleteMarker;
    private final PreparedStatement deleteOlder;
    private final PreparedStatement members;
    private final UserIndex index;

    RetentionStore(CqlSession session) {
        this.session = session;
        selectDays = Statements.idempotent(session, "SELECT retention_days FROM school_retention WHERE school_id = ?");
        upsertDays = Statements.idempotent(session, "INSERT INTO school_retention (school_id, retention_days) VALUES (?, ?)");
        allConversations = Statements.idempotent(session, "SELECT school_id, conversation_id, bucket_millis FROM conversations");
        oldBuckets = Statements.idempotent(session, "SELECT bucket FROM conversation_buckets WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket <= ?");
        deleteBucket = Statements.idempotent(session, "DELETE FROM messages WHERE school_id = ? AND conversation_id = ?"
                + " AND bucket = ?");
        deleteMarker = Statements.idempotent(session, "DELETE FROM conversation_buckets WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket = ?");
        deleteOlder = Statements.idempotent(session, "DELETE FROM messages WHERE school_id = ? AND conversation_id = ?"
                + " AND bucket = ? AND message_id < ?");
        members = Statements.idempotent(session, "SELECT user_id FROM conversation_members WHERE school_id = ?"
                + " AND conversation_id = ?");
        index = new UserIndex(session);
    }

    Optional<Integer> days(UUID school) {
        Row row = session.execute(selectDays.bind(school)).one();
        return row == null || row.isNull(0) ? Optional.empty() : Optional.of(row.getInt(0));
    }

    void putDays(UUID school, int days) {
        session.execute(upsertDays.bind(school, days));
    }

    /** Every conversation of every school, page by page (the driver fetches the next page as the walk goes on). */
    void forEachConversation(Consumer<SweptConversation> action) {
        for (Row row : session.execute(allConversations.bind())) {
            if (!row.isNull(2)) {
                action.accept(new SweptConversation(row.getUuid(0), row.getUuid(1), row.getLong(2)));
            }
        }
    }

    /** The conversation's non-empty buckets numbered up to {@code bound}, newest first. */
    List<Long> bucketsUpTo(SweptConversation c, long bound) {
        List<Long> out = new ArrayList<>();
        session.execute(oldBuckets.bind(c.school(), c.conversation(), bound)).forEach(row -> out.add(row.getLong(0)));
        return out;
    }

    /** Deletes the bucket's messages first and then its marker, so a failure in between is found again. */
    void deleteBucket(SweptConversation c, long bucket) {
        session.execute(deleteBucket.bind(c.school(), c.conversation(), bucket));
        session.execute(deleteMarker.bind(c.school(), c.conversation(), bucket));
    }

    /** Deletes the messages of one bucket with an id below {@code messageId} (one range tombstone). */
    void deleteOlder(SweptConversation c, long bucket, long messageId) {
        session.execute(deleteOlder.bind(c.school(), c.conversation(), bucket, messageId));
    }

    List<LastMessage> lastMessages(SweptConversation c) {
        List<LastMessage> out = new ArrayList<>();
        for (Row member : session.execute(members.bind(c.school(), c.conversation()))) {
            UUID user = member.getUuid("user_id");
            index.row(c.school(), user, c.conversation())
                    .filter(entry -> entry.lastMessageId() != null && entry.lastPreview() != null)
                    .ifPresent(entry -> out.add(new LastMessage(user, entry.lastMessageId())));
        }
        return out;
    }

    /**
     * Deletes the member's preview of the message written at {@code writeTimestampMicros}: a tombstone wins over a
     * cell of the same timestamp, and a later message's preview (a later timestamp) survives.
     */
    void deletePreview(SweptConversation c, UUID member, long writeTimestampMicros) {
        index.deletePreview(c.school(), member, c.conversation(), writeTimestampMicros);
    }
}
