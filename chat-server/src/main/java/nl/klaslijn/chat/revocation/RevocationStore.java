package nl.klaslijn.chat.revocation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;

/** The session_revocations table: one partition per hour of not_before. */
final class RevocationStore {

    static final long HOUR_MILLIS = 3_600_000L;

    /** One row: the user-wide not-before (null when only sessions were revoked) and the revoked sessions. */
    record Revoked(UUID school, UUID user, @Nullable Instant notBefore, Map<UUID, Instant> sessions) {}

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement insertSession;
    private final PreparedStatement selectHour;

    RevocationStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session,
                "INSERT INTO session_revocations (hour, school_id, user_id, not_before) VALUES (?, ?, ?, ?)");
        insertSession = Statements.idempotent(session, "UPDATE session_revocations SET session_cuts = session_cuts + ?"
                + " WHERE hour = ? AND school_id = ? AND user_id = ?");
        selectHour = Statements.idempotent(session,
                "SELECT school_id, user_id, not_before, session_cuts FROM session_revocations WHERE hour = ?");
    }

    CompletionStage<Void> insert(UUID school, UUID user, Instant notBefore) {
        return session.executeAsync(insert.bind(notBefore.toEpochMilli() / HOUR_MILLIS, school, user, notBefore))
                .thenApply(rs -> null);
    }

    /** Records that one session of the user was revoked at {@code at} (in the row of {@code at}'s hour). */
    CompletionStage<Void> insertSession(UUID school, UUID user, UUID sessionId, Instant at) {
        return session.executeAsync(insertSession.bind(Map.of(sessionId, at), at.toEpochMilli() / HOUR_MILLIS, school,
                user)).thenApply(rs -> null);
    }

    /** Every revocation whose not_before lies in the hours from {@code from} up to now (blocking; start-up and resumption). */
    List<Revoked> since(Instant from, Instant now) {
        List<Revoked> out = new ArrayList<>();
        for (long hour = from.toEpochMilli() / HOUR_MILLIS; hour <= now.toEpochMilli() / HOUR_MILLIS; hour++) {
            for (Row row : session.execute(selectHour.bind(hour))) {
                out.add(new Revoked(row.getUuid("school_id"), row.getUuid("user_id"), row.getInstant("not_before"),
                        row.getMap("session_cuts", UUID.class, Instant.class)));
            }
        }
        return out;
    }
}
