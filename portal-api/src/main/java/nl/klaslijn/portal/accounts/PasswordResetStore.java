package nl.klaslijn.portal.accounts;

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
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Table {@code password_reset_tokens} (by SHA-256 of the token, with a TTL). Using a token is a lightweight
 * transaction ({@code IF used_at = null}), so of two concurrent uses exactly one wins.
 */
@Component
class PasswordResetStore {

    /** A stored reset token. */
    record ResetToken(UUID accountId, int generation, Instant expiresAt, @Nullable Instant usedAt) {}

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement use;

    PasswordResetStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session, "INSERT INTO password_reset_tokens (token_hash, account_id, generation,"
                + " expires_at) VALUES (?, ?, ?, ?) USING TTL ?");
        select = Statements.idempotent(session, "SELECT account_id, generation, expires_at, used_at"
                + " FROM password_reset_tokens WHERE token_hash = ?");
        use = session.prepare(SimpleStatement.newInstance(
                        "UPDATE password_reset_tokens SET used_at = ? WHERE token_hash = ? IF used_at = null")
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }

    void insert(ByteBuffer hash, ResetToken token, Duration ttl) {
        session.execute(insert.bind(hash, token.accountId(), token.generation(), token.expiresAt(),
                (int) Math.max(1, ttl.toSeconds())));
    }

    Optional<ResetToken> find(ByteBuffer hash) {
        Row row = session.execute(select.bind(hash)).one();
        return row == null ? Optional.empty() : Optional.of(new ResetToken(row.getUuid(0), row.getInt(1),
                row.get(2, Instant.class), row.get(3, Instant.class)));
    }

    /** True if this call used the token; false if it had been used already. */
    boolean use(ByteBuffer hash, Instant now) {
        return session.execute(use.bind(now, hash)).wasApplied();
    }
}
