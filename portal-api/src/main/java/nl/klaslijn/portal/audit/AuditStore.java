package nl.klaslijn.portal.audit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/**
 * Tables {@code audit_log} (per school and month) and {@code pupil_audit_log} (per pupil). An entry is written to
 * both in one logged batch; deleting a pupil's data removes only the per-pupil copy.
 */
@Component
class AuditStore {

    private static final String COLUMNS = "at, entry_id, action, pupil_id, actor_account, actor_role, fields";

    private final CqlSession session;
    private final PreparedStatement insertSchool;
    private final PreparedStatement insertPupil;
    private final PreparedStatement selectMonth;
    private final PreparedStatement selectMonthBefore;
    private final PreparedStatement selectPupil;
    private final PreparedStatement deletePupil;

    AuditStore(CqlSession session) {
        this.session = session;
        insertSchool = Statements.idempotent(session, "INSERT INTO audit_log (school_id, month, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertPupil = Statements.idempotent(session, "INSERT INTO pupil_audit_log (school_id, pupil_id, at, entry_id,"
                + " action, actor_account, actor_role, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        selectMonth = Statements.idempotent(session, "SELECT " + COLUMNS
                + " FROM audit_log WHERE school_id = ? AND month = ? LIMIT ?");
        selectMonthBefore = Statements.idempotent(session, "SELECT " + COLUMNS
                + " FROM audit_log WHERE school_id = ? AND month = ? AND (at, entry_id) < (?, ?) LIMIT ?");
        selectPupil = Statements.idempotent(session, "SELECT " + COLUMNS
                + " FROM pupil_audit_log WHERE school_id = ? AND pupil_id = ?");
        deletePupil = Statements.idempotent(session, "DELETE FROM pupil_audit_log WHERE school_id = ? AND pupil_id = ?");
    }

    static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }

    /** Writes the entry to the school's log and, unless {@code schoolOnly}, to the pupil's. */
    void insert(AuditEntry e, boolean schoolOnly) {
        BoundStatement school = insertSchool.bind(e.schoolId(), month(e.at()), e.at(), e.entryId(), e.action().name(), e.pupilId(),
                e.actorAccountId(), e.actorRole(), e.fields());
        if (schoolOnly) {
            session.execute(school);
            return;
        }
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED, school,
                        insertPupil.bind(e.schoolId(), e.pupilId(), e.at(), e.entryId(), e.action().name(),
                                e.actorAccountId(), e.actorRole(), e.fields()))
                .setIdempotent(true));
    }

    /** Up to {@code limit} entries of one month, newest first. */
    List<AuditEntry> month(UUID schoolId, YearMonth month, int limit) {
        return entries(schoolId, selectMonth.bind(schoolId, month.toString(), limit));
    }

    /** Up to {@code limit} entries of one month older than the entry (before, beforeId), newest first. */
    List<AuditEntry> monthBefore(UUID schoolId, YearMonth month, Instant before, UUID beforeId, int limit) {
        return entries(schoolId, selectMonthBefore.bind(schoolId, month.toString(), before, beforeId, limit));
    }

    /** Every entry about one pupil, newest first. */
    List<AuditEntry> ofPupil(UUID schoolId, UUID pupilId) {
        return entries(schoolId, selectPupil.bind(schoolId, pupilId));
    }

    void deletePupil(UUID schoolId, UUID pupilId) {
        session.execute(deletePupil.bind(schoolId, pupilId));
    }

    private List<AuditEntry> entries(UUID schoolId, BoundStatement statement) {
        return session.execute(statement).all().stream().map(r -> entry(schoolId, r)).toList();
    }

    private static AuditEntry entry(UUID schoolId, Row r) {
        return new AuditEntry(schoolId, r.getUuid(1), r.get(0, Instant.class), AuditAction.valueOf(r.getString(2)),
                r.getUuid(3), r.getUuid(4), r.getString(5), r.getSet(6, String.class));
    }
}
