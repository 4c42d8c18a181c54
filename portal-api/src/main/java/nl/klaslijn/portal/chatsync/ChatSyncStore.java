package nl.klaslijn.portal.chatsync;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tables {@code chat_sync_work}, {@code chat_sync_leases} and {@code chat_conversation_members} (V004, V005). Marking and
 * clearing work are plain idempotent writes; only the lease uses lightweight transactions.
 */
@Component
class ChatSyncStore {

    static final int SHARDS = 8;

    private final CqlSession session;
    private final PreparedStatement mark;
    private final PreparedStatement pending;
    private final PreparedStatement clear;
    private final PreparedStatement takeLease;
    private final PreparedStatement releaseLease;
    private final PreparedStatement selectMembers;
    private final PreparedStatement upsertMember;
    private final PreparedStatement deleteMember;

    ChatSyncStore(CqlSession session) {
        this.session = session;
        mark = Statements.idempotent(session, "INSERT INTO chat_sync_work (shard, school_id, kind, target_id, change_id,"
                + " not_before, account_id) VALUES (?, ?, ?, ?, ?, ?, ?)");
        pending = Statements.idempotent(session, "SELECT school_id, kind, target_id, WRITETIME(change_id), not_before,"
                + " account_id FROM chat_sync_work WHERE shard = ? LIMIT ?");
        clear = Statements.idempotent(session, "DELETE FROM chat_sync_work USING TIMESTAMP ?"
                + " WHERE shard = ? AND school_id = ? AND kind = ? AND target_id = ?");
        takeLease = session.prepare("INSERT INTO chat_sync_leases (school_id, kind, target_id, holder)"
                + " VALUES (?, ?, ?, ?) IF NOT EXISTS USING TTL ?");
        releaseLease = session.prepare("DELETE FROM chat_sync_leases WHERE school_id = ? AND kind = ? AND target_id = ?"
                + " IF holder = ?");
        selectMembers = Statements.idempotent(session, "SELECT user_id, role FROM chat_conversation_members"
                + " WHERE school_id = ? AND conversation_id = ?");
        upsertMember = Statements.idempotent(session, "INSERT INTO chat_conversation_members (school_id,"
                + " conversation_id, user_id, role) VALUES (?, ?, ?, ?)");
        deleteMember = Statements.idempotent(session, "DELETE FROM chat_conversation_members"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
    }

    /** Records (or renews) pending work; a later mark of the same item replaces the earlier one. */
    void mark(UUID schoolId, WorkKind kind, UUID targetId, @Nullable Instant notBefore) {
        mark(schoolId, kind, targetId, notBefore, null);
    }

    /** As {@link #mark(UUID, WorkKind, UUID, Instant)}, naming the account the work is about (REVOKE_SESSION). */
    void mark(UUID schoolId, WorkKind kind, UUID targetId, @Nullable Instant notBefore, @Nullable UUID accountId) {
        session.execute(mark.bind(shard(targetId), schoolId, kind.name(), targetId, UUID.randomUUID(), notBefore,
                accountId));
    }

    /** Up to {@code limit} pending items of one shard. */
    List<Work> pending(int shard, int limit) {
        return session.execute(pending.bind(shard, limit)).all().stream().map(r -> new Work(shard, r.getUuid(0),
                WorkKind.valueOf(r.getString(1)), r.getUuid(2), r.getLong(3), r.get(4, Instant.class), r.getUuid(5)))
                .toList();
    }

    /** Deletes the item as it was read: a mark written after that (a later write time) survives. */
    void clear(Work work) {
        session.execute(clear.bind(work.writetime(), work.shard(), work.schoolId(), work.kind().name(), work.targetId()));
    }

    /** True if this holder got the item's lease (for {@code duration}); false if another holder has it. */
    boolean takeLease(Work work, UUID holder, Duration duration) {
        return session.execute(takeLease.bind(work.schoolId(), work.kind().name(), work.targetId(), holder,
                (int) Math.max(1, duration.toSeconds()))).wasApplied();
    }

    void releaseLease(Work work, UUID holder) {
        session.execute(releaseLease.bind(work.schoolId(), work.kind().name(), work.targetId(), holder));
    }

    /** What portal-api believes the conversation's members are; a null role means "put, not yet confirmed". */
    Map<UUID, @Nullable String> members(UUID schoolId, UUID conversationId) {
        Map<UUID, @Nullable String> members = new HashMap<>();
        for (Row row : session.execute(selectMembers.bind(schoolId, conversationId))) {
            members.put(row.getUuid(0), row.getString(1));
        }
        return members;
    }

    void putMember(UUID schoolId, UUID conversationId, UUID userId, @Nullable String role) {
        session.execute(upsertMember.bind(schoolId, conversationId, userId, role));
    }

    void deleteMember(UUID schoolId, UUID conversationId, UUID userId) {
        session.execute(deleteMember.bind(schoolId, conversationId, userId));
    }

    static int shard(UUID targetId) {
        return Math.floorMod(targetId.hashCode(), SHARDS);
    }
}
