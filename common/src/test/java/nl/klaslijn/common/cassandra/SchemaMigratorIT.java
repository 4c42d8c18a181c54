package nl.klaslijn.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real shared test node; every test migrates its own fresh keyspace. */
class SchemaMigratorIT {

    private CassandraSettings settings;
    private CqlSession session;

    @BeforeEach
    void freshKeyspace() {
        CassandraNode node = TestCassandra.shared();
        settings = CassandraSettings.of(node.contactPoint(), node.localDatacenter(),
                "migrator_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        session = CassandraSessions.openForSchemaChanges(settings);
    }

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void appliesVersionsInOrderRecordsThemAndASecondRunDoesNothing() {
        Instant before = Instant.now();
        List<Migration> applied = SchemaMigrator.run(settings, "test_chat");

        assertThat(applied).extracting(Migration::version).containsExactly(1, 2, 3);
        List<Row> rows = versionRows("test_chat");
        assertThat(rows).extracting(row -> row.getInt("version")).containsExactly(1, 2, 3);
        MigrationSet set = MigrationSet.fromClasspath("test_chat");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Migration migration = set.migrations().get(i);
            assertThat(row.getString("description")).isEqualTo(migration.description());
            assertThat(row.getString("checksum")).isEqualTo(migration.checksum());
            assertThat(row.getInstant("applied_at")).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(row.getString("applied_by")).contains("pid " + ProcessHandle.current().pid());
        }
        Row seeded = one("SELECT body, edited_at FROM " + settings.keyspace()
                + ".messages WHERE conversation_id = 00000000-0000-0000-0000-000000000001");
        assertThat(seeded.getString("body")).isEqualTo("Welkom; fijn dat je er bent");
        assertThat(seeded.getInstant("edited_at")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(applications()).isEqualTo(1);

        assertThat(new SchemaMigrator(session, settings).migrate("test_chat")).isEmpty();
        assertThat(versionRows("test_chat")).extracting(row -> row.getInstant("applied_at"))
                .isEqualTo(rows.stream().map(row -> row.getInstant("applied_at")).toList());
        assertThat(applications()).isEqualTo(1);
    }

    @Test
    void setsShareAKeyspaceWithTheirOwnVersions() {
        SchemaMigrator migrator = new SchemaMigrator(session, settings);

        assertThat(migrator.migrate("test_chat")).hasSize(3);
        assertThat(migrator.migrate("test_portal")).extracting(Migration::version).containsExactly(1);

        assertThat(versionRows("test_portal")).extracting(row -> row.getString("description")).containsExactly("create schools");
        assertThat(versionRows("test_chat")).hasSize(3);
        session.execute("INSERT INTO " + settings.keyspace() + ".schools (school_id, name) VALUES (uuid(), 'De Regenboog')");
    }

    @Test
    void parallelMigratorsApplyEachVersionExactlyOnce() throws Exception {
        int instances = 4;
        CountDownLatch ready = new CountDownLatch(instances);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        List<Future<List<Migration>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                results.add(threads.submit(() -> {
                    try (CqlSession own = CassandraSessions.openForSchemaChanges(settings)) {
                        SchemaMigrator migrator = new SchemaMigrator(own, settings);
                        ready.countDown();
                        go.await();
                        return migrator.migrate("test_chat");
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Integer> appliedVersions = new ArrayList<>();
            for (Future<List<Migration>> result : results) {
                result.get().forEach(migration -> appliedVersions.add(migration.version()));
            }

            assertThat(appliedVersions).containsExactlyInAnyOrder(1, 2, 3);
            assertThat(versionRows("test_chat")).hasSize(3);
            assertThat(applications()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aChangedAppliedMigrationIsRefused() {
        SchemaMigrator migrator = new SchemaMigrator(session, settings);
        MigrationSet original = MigrationSet.fromClasspath("test_chat");
        migrator.migrate(original);

        List<Migration> edited = new ArrayList<>(original.migrations());
        edited.set(1, new Migration(2, "add edited at", List.of("ALTER TABLE messages ADD edited_by uuid")));

        assertThatThrownBy(() -> migrator.migrate(new MigrationSet("test_chat", edited)))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("Version 2 (add edited at)")
                .hasMessageContaining("was changed after it was applied");
        assertThatThrownBy(() -> migrator.migrate(new MigrationSet("test_chat", original.migrations().subList(1, 3))))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("missing from the migration files");
    }

    @Test
    void aPendingVersionOlderThanAnAppliedOneIsRefused() {
        SchemaMigrator migrator = new SchemaMigrator(session, settings);
        List<Migration> all = MigrationSet.fromClasspath("test_chat").migrations();
        migrator.migrate(new MigrationSet("test_chat", List.of(all.get(0), all.get(2))));

        assertThatThrownBy(() -> migrator.migrate(new MigrationSet("test_chat", all)))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("Version 2 of set 'test_chat' is pending but version 3 is already applied");
    }

    @Test
    void aLeaseLeftByACrashedMigratorExpiresAndAnotherWaitsForIt() {
        List<Migration> all = MigrationSet.fromClasspath("test_chat").migrations();
        new SchemaMigrator(session, settings).migrate(new MigrationSet("test_chat", all.subList(0, 1)));
        takeLease("crashed-node", 2);

        SchemaMigrator impatient = new SchemaMigrator(session, settings, Duration.ofSeconds(60), Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.migrate("test_chat"))
                .isInstanceOf(SchemaMigrationException.class)
                .hasMessageContaining("held by crashed-node");

        long started = System.nanoTime();
        List<Migration> applied = new SchemaMigrator(session, settings, Duration.ofSeconds(60), Duration.ofSeconds(30))
                .migrate("test_chat");

        assertThat(applied).extracting(Migration::version).containsExactly(2, 3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));
        assertThat(applications()).isEqualTo(1);
    }

    private void takeLease(String owner, int ttlSeconds) {
        assertThat(session.execute("INSERT INTO " + settings.keyspace() + ".schema_lock (migration_set, owner, acquired_at)"
                        + " VALUES ('test_chat', ?, toTimestamp(now())) IF NOT EXISTS USING TTL " + ttlSeconds, owner)
                .wasApplied()).isTrue();
    }

    private List<Row> versionRows(String set) {
        return session.execute("SELECT * FROM " + settings.keyspace() + ".schema_version WHERE migration_set = ?", set).all();
    }

    private long applications() {
        return one("SELECT applications FROM " + settings.keyspace() + ".migration_effects WHERE id = 'v003'")
                .getLong("applications");
    }

    private Row one(String cql) {
        return Objects.requireNonNull(session.execute(cql).one(), cql);
    }
}
