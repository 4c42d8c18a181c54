package nl.klaslijn.chat.personaldata;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import nl.klaslijn.chat.userindex.UserIndex;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;

/**
 * The reads and writes behind the export and the erasure of one user's chat data at one school. Synchronous: callers
 * run on the personal-data executor, never on an event loop. Every write is idempotent, so an erasure that failed
 * halfway is finished by running it again.
 */
final class UserDataStore {

    /** The sender id that replaces an erased user's on their messages and in others' previews (docs/protocol.md). */
    static final UUID ERASED_USER = new UUID(0, 0);

    /** A message row as the export and the erasure see it. */
    record StoredMessage(long id, UUID sender, @Nullable String body) {}

    /** One entry of a user's conversation index as the export shows it. */
    record IndexRow(UUID conversation, @Nullable String kind, @Nullable String title, @Nullable Long lastMessageId,
            @Nullable UUID lastSenderId, @Nullable Long readUpTo) {}

    private final CqlSession session;
    private final PreparedStatement history;
    private final UserIndex userIndex;
    private final PreparedStatement conversation;
    private final PreparedStatement buckets;
    private final PreparedStatement bucketPage;
    private final PreparedStatement anonymise;
    private final PreparedStatement pointers;
    private final PreparedStatement deletePointers;
    private final PreparedStatement settings;
    private final PreparedStatement deleteSettings;
    private final PreparedStatement lastSeen;
    private final PreparedStatement deleteLastSeen;
    private final PreparedStatement directory;
    private final PreparedStatement deleteHistoryRow;
    private final PreparedStatement deleteHistory;

    UserDataStore(CqlSession session) {
        this.session = session;
        history = Statements.idempotent(session,
                "SELECT conversation_id FROM member_history WHERE school_id = ? AND user_id = ?");
        userIndex = new UserIndex(session);
        conversation = Statements.idempotent(session, "SELECT kind, title, bucket_millis FROM conversations"
                + " WHERE school_id = ? AND conversation_id = ?");
        buckets = Statements.idempotent(session, "SELECT bucket FROM conversation_buckets WHERE school_id = ?"
                + " AND conversation_id = ?");
        bucketPage = Statements.idempotent(session, "SELECT message_id, sender_id, body FROM messages WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket = ? AND message_id < ? LIMIT ?");
        anonymise = Statements.idempotent(session, "UPDATE messages SET sender_id = ?, body = '', client_message_id = null"
                + " WHERE school_id = ? AND conversation_id = ? AND bucket = ? AND message_id = ?");
        pointers = Statements.idempotent(session, "SELECT delivered_up_to, read_up_to FROM conversation_pointers"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
        deletePointers = Statements.idempotent(session, "DELETE FROM conversation_pointers"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
        settings = Statements.idempotent(session, "SELECT * FROM user_settings WHERE school_id = ? AND user_id = ?");
        deleteSettings = Statements.idempotent(session, "DELETE FROM user_settings WHERE school_id = ? AND user_id = ?");
        lastSeen = Statements.idempotent(session, "SELECT seen_at FROM last_seen WHERE school_id = ? AND user_id = ?");
        deleteLastSeen = Statements.idempotent(session, "DELETE FROM last_seen WHERE school_id = ? AND user_id = ?");
        directory = Statements.idempotent(session, "SELECT display_name, role, contact FROM school_directory"
                + " WHERE school_id = ? AND user_id = ?");
        deleteHistoryRow = Statements.idempotent(session, "DELETE FROM member_history WHERE school_id = ? AND user_id = ?"
                + " AND conversation_id = ?");
        deleteHistory = Statements.idempotent(session, "DELETE FROM member_history WHERE school_id = ? AND user_id = ?");
    }

    /** Every conversation the user is or was in (their index and their membership history), in id order. */
    TreeSet<UUID> conversationsOf(UUID school, UUID user) {
        TreeSet<UUID> ids = new TreeSet<>();
        session.execute(history.bind(school, user)).forEach(row -> ids.add(row.getUuid(0)));
        userIndex.rows(school, user).toCompletableFuture().join().forEach(row -> ids.add(row.conversationId()));
        return ids;
    }

    /** The user's index rows by conversation (rows that lost their kind to a race with a removal included). */
    Map<UUID, IndexRow> index(UUID school, UUID user) {
        Map<UUID, IndexRow> rows = new LinkedHashMap<>();
        userIndex.rows(school, user).toCompletableFuture().join()
                .forEach(row -> rows.put(row.conversationId(), indexRow(row)));
        return rows;
    }

    Optional<IndexRow> indexRow(UUID school, UUID user, UUID conversation) {
        return userIndex.row(school, user, conversation).map(UserDataStore::indexRow);
    }

    /** kind, title and bucket width of a conversation, if it exists. */
    Optional<Row> conversation(UUID school, UUID conversation) {
        return Optional.ofNullable(session.execute(this.conversation.bind(school, conversation)).one());
    }

    /** The conversation's non-empty buckets, newest first. */
    List<Long> buckets(UUID school, UUID conversation) {
        List<Long> out = new ArrayList<>();
        session.execute(buckets.bind(school, conversation)).forEach(row -> out.add(row.getLong(0)));
        return out;
    }

    /** Up to {@code limit} messages of one bucket with an id below {@code before}, newest first (every sender). */
    List<StoredMessage> page(UUID school, UUID conversation, long bucket, long before, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        for (Row row : session.execute(bucketPage.bind(school, conversation, bucket, before, limit))) {
            out.add(new StoredMessage(row.getLong(0), row.getUuid(1), row.getString(2)));
        }
        return out;
    }

    /** Replaces the sender with {@link #ERASED_USER} and removes the text and the client's id; the row stays. */
    void anonymise(UUID school, UUID conversation, long bucket, long messageId) {
        session.execute(anonymise.bind(ERASED_USER, school, conversation, bucket, messageId));
    }

    /**
     * Anonymises {@code member}'s preview of a last message. Written at the message's own write timestamp plus one,
     * so it beats that message's cells but never a later message's: a later message has a later timestamp, and at an
     * equal one Cassandra keeps the greater value, which the all-zero id and the empty text never are.
     */
    void anonymisePreview(UUID school, UUID member, UUID conversation, long writeTimestampMicros) {
        userIndex.replaceLastSender(school, member, conversation, ERASED_USER, writeTimestampMicros + 1);
    }

    /** delivered_up_to and read_up_to as other members see them; empty if the user has none there. */
    Optional<Row> pointers(UUID school, UUID conversation, UUID user) {
        return Optional.ofNullable(session.execute(pointers.bind(school, conversation, user)).one());
    }

    void deletePointers(UUID school, UUID conversation, UUID user) {
        session.execute(deletePointers.bind(school, conversation, user));
    }

    /** The user's chat settings, column by column (null = the default); empty if never set. */
    Map<String, @Nullable Object> settings(UUID school, UUID user) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        Row row = session.execute(settings.bind(school, user)).one();
        if (row != null) {
            for (ColumnDefinition column : row.getColumnDefinitions()) {
                String name = column.getName().asInternal();
                if (!name.equals("school_id") && !name.equals("user_id")) {
                    out.put(name, row.getObject(name));
                }
            }
        }
        return out;
    }

    Optional<Instant> lastSeen(UUID school, UUID user) {
        return Optional.ofNullable(session.execute(lastSeen.bind(school, user)).one()).map(row -> row.getInstant(0));
    }

    /** display_name, role and contact of the user's directory entry, if any. */
    Optional<Row> directory(UUID school, UUID user) {
        return Optional.ofNullable(session.execute(directory.bind(school, user)).one());
    }

    /** Settings and last seen go; the directory entry goes through {@code SchoolDirectory}. */
    void deleteProfile(UUID school, UUID user) {
        session.execute(deleteSettings.bind(school, user));
        session.execute(deleteLastSeen.bind(school, user));
    }

    /** Marks one conversation of an erasure as done (the next run does not visit it again). */
    void forgetConversation(UUID school, UUID user, UUID conversation) {
        session.execute(deleteHistoryRow.bind(school, user, conversation));
    }

    /** The last step of an erasure: what is left of the user's index and history. */
    void deleteIndexAndHistory(UUID school, UUID user) {
        userIndex.deleteAll(school, user);
        session.execute(deleteHistory.bind(school, user));
    }

    private static IndexRow indexRow(UserIndex.Entry entry) {
        return new IndexRow(entry.conversationId(), entry.kind(), entry.title(), entry.lastMessageId(),
                entry.lastSenderId(), entry.readUpTo());
    }
}
