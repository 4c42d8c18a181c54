package nl.klaslijn.common.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a keyspace to the latest version of a {@link MigrationSet}, safely when several service
 * instances start at once.
 *
 * <p>Contract of {@link #migrate(MigrationSet)}:
 *
 * <ol>
 *   <li>Creates the keyspace if missing (replication from the settings), and the tables {@value
 *       #VERSION_TABLE} (one row per applied version, keyed by (migration set, version)) and
 *       {@value #LOCK_TABLE}.
 *   <li>Checks the applied versions against the set: a changed checksum, an applied version missing
 *       from the set, or a pending version older than an applied one is a {@link
 *       SchemaMigrationException}. Applied versions newer than the set (an older build during a
 *       rolling deploy) are logged and accepted.
 *   <li>If versions are pending, takes the set's lease (LWT row with a TTL; waits up to the lock
 *       timeout while another instance holds it), re-reads the applied versions and applies each
 *       pending one in order: its statements one by one in the settings' keyspace, then its row in
 *       {@value #VERSION_TABLE} ({@code IF NOT EXISTS}). So each version is applied exactly once,
 *       by one instance. Releases the lease.
 * </ol>
 *
 * <p>A migrator that dies halfway leaves its version unrecorded; after the lease expires (60 s) the
 * next start applies that version again from its first statement, so write statements that can run
 * twice ({@code CREATE TABLE IF NOT EXISTS ...}). Statements run in the settings' keyspace: use
 * unqualified table names.
 */
public final class SchemaMigrator {

    static final String VERSION_TABLE = "schema_version";
    static final String LOCK_TABLE = "schema_lock";
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern SCHEMA_CHANGE = Pattern.compile("(?is)\\s*(CREATE|ALTER|DROP)\\b.*");

    private final CqlSession session;
    private final String keyspace;
    private final CqlIdentifier keyspaceId;
    private final String replication;
    private final Duration ddlTimeout;
    private final Duration lockTtl;
    private final Duration lockTimeout;
    private final String host = hostName();
    private final String owner;

    /**
     * @param session any session to the cluster, bound to a keyspace or not; best one from {@link
     *     CassandraSessions#openForSchemaChanges} (DDL 30-60 ms instead of 1-2 s)
     */
    public SchemaMigrator(CqlSession session, CassandraSettings settings) {
        this(session, settings, Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    SchemaMigrator(CqlSession session, CassandraSettings settings, Duration lockTtl, Duration lockTimeout) {
        this.session = session;
        this.keyspace = CassandraSessions.keyspaceName(settings);
        this.keyspaceId = CqlIdentifier.fromInternal(keyspace);
        this.replication = settings.replication();
        this.ddlTimeout = CassandraSessions.DDL_TIMEOUT.compareTo(settings.requestTimeout()) >= 0
                ? CassandraSessions.DDL_TIMEOUT : settings.requestTimeout();
        this.lockTtl = lockTtl;
        this.lockTimeout = lockTimeout;
        this.owner = host + "/" + ProcessHandle.current().pid() + "/"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Opens a session for schema changes, migrates the classpath set {@code migrationSet}, closes it. */
    public static List<Migration> run(CassandraSettings settings, String migrationSet) {
        MigrationSet set = MigrationSet.fromClasspath(migrationSet);
        try (CqlSession session = CassandraSessions.openForSchemaChanges(settings)) {
            return new SchemaMigrator(session, settings).migrate(set);
        }
    }

    /** Migrates {@code db/cassandra/<migrationSet>/} from the classpath (see {@link MigrationSet}). */
    public List<Migration> migrate(String migrationSet) {
        return migrate(MigrationSet.fromClasspath(migrationSet));
    }

    /** Applies the pending migrations of {@code set}; returns those this call applied (empty if none). */
    public List<Migration> migrate(MigrationSet set) {
        createBookkeeping();
        List<Migration> pending = pending(set);
        if (pending.isEmpty()) {
            log.info("Schema of keyspace {} is up to date for set {} (version {})", keyspace, set.name(), latest(set));
            return List.of();
        }
        SchemaLock lock = new SchemaLock(session, keyspace, set.name(), owner, lockTtl);
        acquire(lock, set.name());
        try {
            List<Migration> stillPending = pending(set);
            if (stillPending.isEmpty()) {
                log.info("Set {} was migrated by another instance meanwhile (version {})", set.name(), latest(set));
                return List.of();
            }
            for (Migration migration : stillPending) {
                apply(lock, set.name(), migration);
            }
            log.info("Applied {} migration(s) of set {} to keyspace {}, now at version {}",
                    stillPending.size(), set.name(), keyspace, latest(set));
            return stillPending;
        } finally {
            release(lock);
        }
    }

    private static void release(SchemaLock lock) {
        try {
            lock.release();
        } catch (RuntimeException e) {
            log.warn("Could not release the migration lock (it expires by itself): {}", e.toString());
        }
    }

    /**
     * Creates the keyspace only when it does not exist yet: Cassandra checks CREATE on ALL KEYSPACES even for
     * {@code CREATE KEYSPACE IF NOT EXISTS}, so a service role limited to its own (operator-created) keyspace
     * starts without that permission (docs/operations.md, "Cassandra roles").
     */
    private void createBookkeeping() {
        boolean exists = session.execute(SimpleStatement.newInstance(
                "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", keyspace)).one() != null;
        if (!exists) {
            ddl("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        }
        // Fixed table ids: instances creating these at the same moment on different coordinators
        // produce the same table instead of conflicting ones (Cassandra 5.0 has no schema transactions).
        ddl("CREATE TABLE IF NOT EXISTS " + keyspace + "." + VERSION_TABLE + " ("
                + " migration_set text, version int, description text, checksum text,"
                + " applied_at timestamp, applied_by text,"
                + " PRIMARY KEY ((migration_set), version))"
                + " WITH id = " + tableId(VERSION_TABLE));
        ddl("CREATE TABLE IF NOT EXISTS " + keyspace + "." + LOCK_TABLE + " ("
                + " migration_set text PRIMARY KEY, owner text, acquired_at timestamp)"
                + " WITH id = " + tableId(LOCK_TABLE));
    }

    private UUID tableId(String table) {
        return UUID.nameUUIDFromBytes(("klaslijn-schema-migrator:" + keyspace + "." + table).getBytes(StandardCharsets.UTF_8));
    }

    /** The set's versions not yet applied, after checking the applied ones (see the class contract). */
    private List<Migration> pending(MigrationSet set) {
        TreeMap<Integer, Row> applied = new TreeMap<>();
        SimpleStatement select = SimpleStatement.newInstance(
                        "SELECT version, checksum FROM " + keyspace + "." + VERSION_TABLE + " WHERE migration_set = ?",
                        set.name())
                .setConsistencyLevel(ConsistencyLevel.SERIAL);
        session.execute(select).forEach(row -> applied.put(row.getInt("version"), row));
        Map<Integer, Migration> known = set.migrations().stream()
                .collect(Collectors.toMap(Migration::version, Function.identity()));
        int latestKnown = latest(set);
        for (Map.Entry<Integer, Row> entry : applied.entrySet()) {
            int version = entry.getKey();
            Migration migration = known.get(version);
            if (migration == null && version > latestKnown) {
                log.warn("Keyspace {} has version {} of set {}, newer than this build knows ({}); continuing",
                        keyspace, version, set.name(), latestKnown);
            } else if (migration == null) {
                throw new SchemaMigrationException("Version " + version + " of set '" + set.name()
                        + "' is applied in keyspace " + keyspace + " but missing from the migration files");
            } else if (!migration.checksum().equals(entry.getValue().getString("checksum"))) {
                throw new SchemaMigrationException("Version " + version + " (" + migration.description() + ") of set '"
                        + set.name() + "' was changed after it was applied to keyspace " + keyspace
                        + ": applied migrations must not be edited; add a new version instead");
            }
        }
        List<Migration> pending = set.migrations().stream().filter(m -> !applied.containsKey(m.version())).toList();
        int latestApplied = applied.isEmpty() ? 0 : applied.lastKey();
        Optional<Migration> outOfOrder = pending.stream().filter(m -> m.version() < latestApplied).findFirst();
        if (outOfOrder.isPresent()) {
            throw new SchemaMigrationException("Version " + outOfOrder.get().version() + " of set '" + set.name()
                    + "' is pending but version " + latestApplied + " is already applied; renumber it after "
                    + latestApplied);
        }
        return pending;
    }

    private void acquire(SchemaLock lock, String set) {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        long pauseMillis = 100;
        boolean logged = false;
        while (true) {
            Optional<String> holder = lock.tryAcquire();
            if (holder.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SchemaMigrationException("Waited " + lockTimeout.toSeconds() + " s for the migration lock of set '"
                        + set + "' in keyspace " + keyspace + ", held by " + holder.get());
            }
            if (!logged) {
                log.info("Waiting for {} to finish migrating set {} in keyspace {}", holder.get(), set, keyspace);
                logged = true;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaMigrationException("Interrupted while waiting for the migration lock", e);
            }
            pauseMillis = Math.min(1000, pauseMillis * 2);
        }
    }

    private void apply(SchemaLock lock, String set, Migration migration) {
        log.info("Applying version {} ({}) of set {} to keyspace {}", migration.version(), migration.description(), set, keyspace);
        List<String> statements = migration.statements();
        for (int i = 0; i < statements.size(); i++) {
            lock.renew();
            String cql = statements.get(i);
            try {
                session.execute(SimpleStatement.newInstance(cql).setKeyspace(keyspaceId).setTimeout(ddlTimeout));
            } catch (RuntimeException e) {
                throw new SchemaMigrationException("Version " + migration.version() + " of set '" + set + "', statement "
                        + (i + 1) + " failed: " + e.getMessage() + "\n" + cql, e);
            }
            if (SCHEMA_CHANGE.matcher(cql).matches()) {
                awaitSchemaAgreement();
            }
        }
        boolean recorded = session.execute(SimpleStatement.newInstance(
                                "INSERT INTO " + keyspace + "." + VERSION_TABLE
                                        + " (migration_set, version, description, checksum, applied_at, applied_by)"
                                        + " VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS",
                                set, migration.version(), migration.description(), migration.checksum(), Instant.now(),
                                host + " pid " + ProcessHandle.current().pid())
                        .setSerialConsistencyLevel(ConsistencyLevel.SERIAL))
                .wasApplied();
        if (!recorded) {
            throw new SchemaMigrationException("Version " + migration.version() + " of set '" + set
                    + "' was recorded by another migrator while this one held the lock");
        }
    }

    private void ddl(String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(ddlTimeout));
        awaitSchemaAgreement();
    }

    private void awaitSchemaAgreement() {
        if (!session.checkSchemaAgreement()) {
            log.warn("Cassandra nodes do not agree on the schema of keyspace {} yet; continuing", keyspace);
        }
    }

    private static int latest(MigrationSet set) {
        List<Migration> migrations = set.migrations();
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
