package nl.klaslijn.common.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A lease on one migration set: a row of {@code <keyspace>.schema_lock} written with a lightweight
 * transaction ({@code IF NOT EXISTS}) and a TTL, so the lease of a migrator that died expires by
 * itself. Renewed (conditionally on still being the owner) before every statement.
 */
final class SchemaLock {

    private final CqlSession session;
    private final String table;
    private final String migrationSet;
    private final String owner;
    private final int ttlSeconds;

    SchemaLock(CqlSession session, String keyspace, String migrationSet, String owner, Duration ttl) {
        this.session = session;
        this.table = keyspace + "." + SchemaMigrator.LOCK_TABLE;
        this.migrationSet = migrationSet;
        this.owner = owner;
        this.ttlSeconds = (int) Math.max(1, ttl.toSeconds());
    }

    /** Empty if this owner now holds the lease, else the current holder. */
    Optional<String> tryAcquire() {
        ResultSet result = execute("INSERT INTO " + table + " (migration_set, owner, acquired_at) VALUES (?, ?, ?)"
                + " IF NOT EXISTS USING TTL " + ttlSeconds, migrationSet, owner, Instant.now());
        if (result.wasApplied()) {
            return Optional.empty();
        }
        Row row = result.one();
        @Nullable String holder = row == null ? null : row.getString("owner");
        // A timed-out earlier attempt of ours may have gone through.
        return owner.equals(holder) ? Optional.empty() : Optional.of(String.valueOf(holder));
    }

    /** Extends the lease; fails if it expired and someone else took it. */
    void renew() {
        ResultSet result = execute("UPDATE " + table + " USING TTL " + ttlSeconds
                + " SET owner = ?, acquired_at = ? WHERE migration_set = ? IF owner = ?",
                owner, Instant.now(), migrationSet, owner);
        if (!result.wasApplied()) {
            throw new SchemaMigrationException("Lost the migration lock of set '" + migrationSet
                    + "' (it expired and was taken over); the schema may be half-migrated, restart to resume");
        }
    }

    void release() {
        execute("DELETE FROM " + table + " WHERE migration_set = ? IF owner = ?", migrationSet, owner);
    }

    private ResultSet execute(String cql, Object... values) {
        return session.execute(SimpleStatement.newInstance(cql, values).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
    }
}
