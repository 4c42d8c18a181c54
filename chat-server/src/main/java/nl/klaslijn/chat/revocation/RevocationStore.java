package nl.klaslijn.chat.revocation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.common.cassandra.Statements;

/** The session_revocations table: one partition per hour of not_before. */
final class RevocationStore {

    static final long HOUR_MILLIS = 3_600_000L;

    record Revoked(UUID school, UUID user, Instant notBefore) {}

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement selectHour;

    RevocationStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session,
                "INSERT INTO session_revocations (hour, school_id, user_id, not_before) VALUES (?, ?, ?, ?)");
        selectHour = Statements.idempotent(session,
                "SELECT school_id, user_id, not_before FROM session_revocations WHERE hour = ?");
    }

    CompletionStage<Void> insert(UUID school, UUID user, Instant notBefore) {
        return session.executeAsync(insert.bind(notBefore.toEpochMilli() / HOUR_MILLIS, school, user, notBefore))
                .thenApply(rs -> null);
    }

    /** Every revocation whose not_before lies in the hours from {@code from} up to now (blocking; start-up and resumption). */
    List<Revoked> since(Instant from, Instant now) {
        List<Revoked> out = new ArrayList<>();
        for (long hour = from.toEpochMilli() / HOUR_MILLIS; hour <= now.toEpochMilli() / HOUR_MILLIS; hour++) {
            for (Row row : session.execute(selectHour.bind(hour))) {
                out.add(new Revoked(row.getUuid("school_id"), row.getUuid("user_id"), row.getInstant("not_before")));
            }
        }
        return out;
    }
}
