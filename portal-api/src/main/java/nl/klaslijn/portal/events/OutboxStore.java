package nl.klaslijn.portal.events;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;

/**
 * Tables {@code portal_event_outbox}, {@code portal_event_leases} and {@code portal_event_dead_letters} (set
 * {@code portal-events}, V001). Writing and deleting outbox rows are idempotent plain writes; only the shard lease uses
 * lightweight transactions. Used only inside this package.
 */
class OutboxStore {

    static final int SHARDS = 8;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement pending;
    private final PreparedStatement delete;
    private final PreparedStatement deadLetter;
    private final PreparedStatement selectDeadLetters;
    private final PreparedStatement takeLease;
    private final PreparedStatement releaseLease;

    OutboxStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session, "INSERT INTO portal_event_outbox (shard, school_id, recorded_at,"
                + " event_id, event) VALUES (?, ?, ?, ?, ?)");
        pending = Statements.idempotent(session, "SELECT school_id, recorded_at, event_id, event FROM portal_event_outbox"
                + " WHERE shard = ? LIMIT ?");
        delete = Statements.idempotent(session, "DELETE FROM portal_event_outbox WHERE shard = ? AND school_id = ?"
                + " AND recorded_at = ? AND event_id = ?");
        deadLetter = Statements.idempotent(session, "INSERT INTO portal_event_dead_letters (school_id, event_id, event,"
                + " status, refused_at) VALUES (?, ?, ?, ?, ?)");
        selectDeadLetters = Statements.idempotent(session, "SELECT event_id FROM portal_event_dead_letters"
                + " WHERE school_id = ?");
        takeLease = session.prepare("INSERT INTO portal_event_leases (shard, holder) VALUES (?, ?) IF NOT EXISTS"
                + " USING TTL ?");
        releaseLease = session.prepare("DELETE FROM portal_event_leases WHERE shard = ? IF holder = ?");
    }

    /** Writes the event's row; writing the same event again writes the same row. */
    void insert(OutboxRow row) {
        session.execute(insert.bind(row.shard(), row.schoolId(), row.recordedAt(), row.eventId(), row.json()));
    }

    /** Up to {@code limit} undelivered events of one shard, by school and then in recording order. */
    List<OutboxRow> pending(int shard, int limit) {
        return session.execute(pending.bind(shard, limit)).all().stream().map(r -> new OutboxRow(shard, r.getUuid(0),
                r.get(1, Instant.class), r.getUuid(2), r.getString(3))).toList();
    }

    void delete(OutboxRow row) {
        session.execute(delete.bind(row.shard(), row.schoolId(), row.recordedAt(), row.eventId()));
    }

    /** Parks a refused event (with the chat's status) and removes it from the outbox. */
    void park(OutboxRow row, int status, Instant at) {
        session.execute(deadLetter.bind(row.schoolId(), row.eventId(), row.json(), status, at));
        delete(row);
    }

    /** The ids of the school's parked events. */
    List<UUID> deadLetters(UUID schoolId) {
        return session.execute(selectDeadLetters.bind(schoolId)).all().stream().map(r -> r.getUuid(0)).toList();
    }

    boolean takeLease(int shard, UUID holder, Duration duration) {
        return session.execute(takeLease.bind(shard, holder, (int) Math.max(1, duration.toSeconds()))).wasApplied();
    }

    void releaseLease(int shard, UUID holder) {
        session.execute(releaseLease.bind(shard, holder));
    }

    static int shard(UUID schoolId) {
        return Math.floorMod(schoolId.hashCode(), SHARDS);
    }
}
