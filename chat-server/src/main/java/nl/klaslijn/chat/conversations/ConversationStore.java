package nl.klaslijn.chat.conversations;

import com.datastax.oss.driver.api.core.CqlSession;
import nl.klaslijn.common.cassandra.AsyncRows;
import nl.klaslijn.common.cassandra.Statements;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.userindex.UserIndex;

/** Cassandra access for conversations and their members. Every write is an idempotent upsert. */
final class ConversationStore {

    private final CqlSession session;
    private final PreparedStatement insertConversation;
    private final PreparedStatement selectConversation;
    private final PreparedStatement selectMembers;
    private final PreparedStatement insertMember;
    private final PreparedStatement deleteMember;
    private final UserIndex index;
    private final PreparedStatement insertHistory;

    ConversationStore(CqlSession session) {
        this.session = session;
        insertConversation = session.prepare("INSERT INTO conversations (school_id, conversation_id, kind, title,"
                + " bucket_millis, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        selectConversation = Statements.idempotent(session, "SELECT kind, title, bucket_millis, created_at FROM conversations"
                + " WHERE school_id = ? AND conversation_id = ?");
        selectMembers = Statements.idempotent(session, "SELECT user_id, role FROM conversation_members"
                + " WHERE school_id = ? AND conversation_id = ?");
        insertMember = Statements.idempotent(session, "INSERT INTO conversation_members (school_id, conversation_id, user_id, role,"
                + " joined_at) VALUES (?, ?, ?, ?, ?)");
        deleteMember = Statements.idempotent(session, "DELETE FROM conversation_members"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
        index = new UserIndex(session);
        insertHistory = Statements.idempotent(session, "INSERT INTO member_history (school_id, user_id, conversation_id)"
                + " VALUES (?, ?, ?)");
    }

    /**
     * Creates the conversation row unless it exists. Completes with the stored bucket width, which is the
     * existing one when another caller created it first (the width never changes once written).
     */
    CompletionStage<Long> createIfAbsent(UUID school, UUID id, ConversationKind kind, String title,
            long bucketMillis, Instant now, UUID createdBy) {
        return session.executeAsync(insertConversation.bind(school, id, kind.wireName(), title, bucketMillis, now,
                        createdBy))
                .thenApply(rs -> rs.wasApplied() ? bucketMillis : rs.one().getLong("bucket_millis"));
    }

    CompletionStage<Optional<Conversation>> find(UUID school, UUID id) {
        CompletableFuture<AsyncResultSet> conversation =
                session.executeAsync(selectConversation.bind(school, id)).toCompletableFuture();
        CompletableFuture<Map<UUID, MemberRole>> members = readMembers(school, id);
        return conversation.thenCombine(members, (rs, memberMap) -> {
            Row row = rs.one();
            if (row == null) {
                return Optional.empty();
            }
            return Optional.of(new Conversation(school, id, ConversationKind.fromWire(row.getString("kind")),
                    row.getString("title"), row.getLong("bucket_millis"), row.getInstant("created_at"), memberMap));
        });
    }

    private CompletableFuture<Map<UUID, MemberRole>> readMembers(UUID school, UUID id) {
        return AsyncRows.all(session.executeAsync(selectMembers.bind(school, id)),
                        row -> Map.entry(row.getUuid("user_id"), MemberRole.fromWire(row.getString("role"))))
                .thenApply(entries -> {
                    Map<UUID, MemberRole> members = new HashMap<>();
                    entries.forEach(e -> members.put(e.getKey(), e.getValue()));
                    return members;
                })
                .toCompletableFuture();
    }

    /**
     * Adds or updates a member, the conversation's entry in that member's index and the member's history (kept after
     * a removal, for the personal data export and erasure), atomically per member.
     */
    CompletionStage<Void> putMember(Conversation conversation, UUID user, MemberRole role, Instant now) {
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                insertMember.bind(conversation.schoolId(), conversation.id(), user, role.wireName(), now),
                index.putEntry(conversation.schoolId(), user, conversation.id(), conversation.kind().wireName(),
                        conversation.title()),
                insertHistory.bind(conversation.schoolId(), user, conversation.id()));
        return session.executeAsync(batch).thenApply(rs -> null);
    }

    /** Removes a member and the conversation from that member's index; their messages stay in history. */
    CompletionStage<Void> removeMember(UUID school, UUID conversation, UUID user) {
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                deleteMember.bind(school, conversation, user),
                index.removeEntry(school, user, conversation));
        return session.executeAsync(batch).thenApply(rs -> null);
    }
}
