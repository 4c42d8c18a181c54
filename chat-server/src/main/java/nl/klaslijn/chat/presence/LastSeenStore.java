package nl.klaslijn.chat.presence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.common.cassandra.Statements;

/** The last_seen table: when a user's last device went offline. */
final class LastSeenStore {

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement select;

    LastSeenStore(CqlSession session) {
        this.session = session;
        upsert = Statements.idempotent(session, "INSERT INTO last_seen (school_id, user_id, seen_at) VALUES (?, ?, ?)");
        select = Statements.idempotent(session, "SELECT seen_at FROM last_seen WHERE school_id = ? AND user_id = ?");
    }

    CompletionStage<Void> put(UUID school, UUID user, Instant seenAt) {
        return session.executeAsync(upsert.bind(school, user, seenAt)).thenApply(rs -> null);
    }

    CompletionStage<Optional<Instant>> get(UUID school, UUID user) {
        return session.executeAsync(select.bind(school, user)).thenApply(rs -> {
            Row row = rs.one();
            return row == null ? Optional.empty() : Optional.ofNullable(row.getInstant("seen_at"));
        });
    }
}
