package nl.klaslijn.portal.onboarding;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/**
 * Tables {@code registration_tokens}, {@code current_registration_tokens} and {@code pupil_registration_tokens}
 * (every token printed for a pupil, so deleting the pupil deletes them). Redeeming is a lightweight transaction
 * ({@code IF used_at = null}), so of two concurrent redemptions exactly one wins.
 */
@Component
class OnboardingStore {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement claim;
    private final PreparedStatement revoke;
    private final PreparedStatement selectCurrent;
    private final PreparedStatement setCurrent;
    private final PreparedStatement indexPupilToken;
    private final PreparedStatement selectPupilTokens;
    private final PreparedStatement deletePupilTokens;
    private final PreparedStatement deleteToken;
    private final PreparedStatement deleteCurrent;

    OnboardingStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session, "INSERT INTO registration_tokens (token_hash, school_id, kind, pupil_id,"
                + " guardian_id, staff_id, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, ?, false) USING TTL ?");
        select = Statements.idempotent(session, "SELECT school_id, kind, pupil_id, guardian_id, staff_id, expires_at,"
                + " revoked, used_at FROM registration_tokens WHERE token_hash = ?");
        // revoked = false also fails for a row deleted meanwhile (its pupil's data was deleted), which would otherwise
        // count as "used_at = null" and be written back as a stray row.
        claim = lwt("UPDATE registration_tokens SET used_at = ?, used_by = ? WHERE token_hash = ?"
                + " IF used_at = null AND revoked = false");
        revoke = Statements.idempotent(session, "UPDATE registration_tokens SET revoked = true WHERE token_hash = ?");
        selectCurrent = Statements.idempotent(session,
                "SELECT token_hash FROM current_registration_tokens WHERE school_id = ? AND subject = ?");
        setCurrent = Statements.idempotent(session,
                "INSERT INTO current_registration_tokens (school_id, subject, token_hash) VALUES (?, ?, ?) USING TTL ?");
        indexPupilToken = Statements.idempotent(session,
                "INSERT INTO pupil_registration_tokens (school_id, pupil_id, token_hash) VALUES (?, ?, ?) USING TTL ?");
        selectPupilTokens = Statements.idempotent(session,
                "SELECT token_hash FROM pupil_registration_tokens WHERE school_id = ? AND pupil_id = ?");
        deletePupilTokens = Statements.idempotent(session,
                "DELETE FROM pupil_registration_tokens WHERE school_id = ? AND pupil_id = ?");
        deleteToken = Statements.idempotent(session, "DELETE FROM registration_tokens WHERE token_hash = ?");
        deleteCurrent = Statements.idempotent(session,
                "DELETE FROM current_registration_tokens WHERE school_id = ? AND subject = ?");
    }

    private PreparedStatement lwt(String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    void insert(ByteBuffer hash, Grant g, Duration ttl) {
        int seconds = (int) ttl.toSeconds();
        session.execute(insert.bind(hash, g.schoolId(), g.kind().name(), g.pupilId(), g.guardianId(), g.staffId(),
                g.expiresAt(), seconds));
        session.execute(setCurrent.bind(g.schoolId(), g.subject(), hash, seconds));
        if (g.pupilId() != null) {
            session.execute(indexPupilToken.bind(g.schoolId(), g.pupilId(), hash, seconds));
        }
    }

    /**
     * Deletes every registration token printed for the pupil (the index, and each guardian's current one) and the
     * index itself. Retrying after a failure finishes the job: the index goes last.
     */
    void deleteForPupil(UUID schoolId, UUID pupilId, Iterable<String> subjects) {
        for (Row row : session.execute(selectPupilTokens.bind(schoolId, pupilId))) {
            session.execute(deleteToken.bind(row.getByteBuffer(0)));
        }
        for (String subject : subjects) {
            Row current = session.execute(selectCurrent.bind(schoolId, subject)).one();
            if (current != null) {
                session.execute(deleteToken.bind(current.getByteBuffer(0)));
            }
            session.execute(deleteCurrent.bind(schoolId, subject));
        }
        session.execute(deletePupilTokens.bind(schoolId, pupilId));
    }

    Optional<Grant> grant(ByteBuffer hash) {
        Row row = session.execute(select.bind(hash)).one();
        return row == null ? Optional.empty() : Optional.of(new Grant(row.getUuid(0), Grant.Kind.valueOf(row.getString(1)),
                row.getUuid(2), row.getUuid(3), row.getUuid(4), row.get(5, Instant.class), row.getBoolean(6),
                row.get(7, Instant.class)));
    }

    /** True if this call redeemed the token; false if it was already redeemed, or revoked or deleted meanwhile. */
    boolean claim(ByteBuffer hash, Instant now, UUID accountId) {
        return session.execute(claim.bind(now, accountId, hash)).wasApplied();
    }

    /** Revokes the subject's previous token, if any: a newly printed token supersedes it. */
    void revokeCurrent(UUID schoolId, String subject) {
        Row row = session.execute(selectCurrent.bind(schoolId, subject)).one();
        if (row != null) {
            session.execute(revoke.bind(row.getByteBuffer(0)));
        }
    }
}
