package nl.klaslijn.devstack.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Cassandra nodes: each test launches its own, in its own directory under target/. */
class CassandraNodeIT {

    private final Path dir = Path.of("target", "cassandra-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()))
            .toAbsolutePath();

    @AfterEach
    void deleteDirectory() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void startsAnswersStopsAndRestartsOnTheSameData() {
        CassandraNode node = CassandraNode.builder().dataDirectory(dir).clusterName("klaslijn-it").build();
        long coldMillis;
        String tokensBefore;
        try (node) {
            long coldStart = System.nanoTime();
            node.start();
            coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
            try (CqlSession session = session(node)) {
                Row local = Objects.requireNonNull(session.execute(
                        "SELECT release_version, cluster_name, data_center, tokens FROM system.local").one());
                assertThat(local.getString("release_version")).isEqualTo("5.0.6");
                assertThat(local.getString("cluster_name")).isEqualTo("klaslijn-it");
                assertThat(local.getString("data_center")).isEqualTo(node.localDatacenter());
                tokensBefore = String.valueOf(local.getObject("tokens"));
                session.execute("CREATE KEYSPACE it WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
                session.execute("CREATE TABLE it.notes (id int PRIMARY KEY, text text)");
                session.execute("INSERT INTO it.notes (id, text) VALUES (1, 'kept across restarts')");
            }
        }
        assertThat(node.isRunning()).isFalse();
        node.close(); // idempotent

        CassandraNode again = CassandraNode.builder().dataDirectory(dir).build(); // cluster name from the directory
        long restartMillis;
        try (again) {
            long restart = System.nanoTime();
            again.start();
            restartMillis = (System.nanoTime() - restart) / 1_000_000;
            try (CqlSession session = session(again)) {
                Row row = session.execute("SELECT text FROM it.notes WHERE id = 1").one();
                assertThat(row).isNotNull();
                assertThat(row.getString("text")).isEqualTo("kept across restarts");
                Row local = Objects.requireNonNull(session.execute("SELECT cluster_name, tokens FROM system.local").one());
                assertThat(local.getString("cluster_name")).isEqualTo("klaslijn-it");
                assertThat(String.valueOf(local.getObject("tokens"))).isEqualTo(tokensBefore);
            }
        }
        assertThat(again.isRunning()).isFalse();
        System.out.printf("MEASURED cold start-to-ready %d ms, restart on existing data %d ms%n", coldMillis, restartMillis);
    }

    @Test
    void twoNodesRunSideBySideAndADirectoryServesOneNode() {
        Path otherDir = dir.resolve("second");
        try (CassandraNode first = CassandraNode.builder().dataDirectory(dir.resolve("first")).build().start();
                CassandraNode second = CassandraNode.builder().dataDirectory(otherDir).build().start()) {
            assertThat(first.contactPoint()).isNotEqualTo(second.contactPoint());
            for (CassandraNode node : new CassandraNode[] {first, second}) {
                try (CqlSession session = session(node)) {
                    assertThat(session.execute("SELECT release_version FROM system.local").one()).isNotNull();
                }
            }
            CassandraNode intruder = CassandraNode.builder().dataDirectory(otherDir).build();
            assertThatThrownBy(intruder::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Cassandra node");
            assertThat(second.isRunning()).isTrue();
        }
    }

    @Test
    void aFixedPortInUseFailsFastWithoutLaunching() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CassandraNode node = CassandraNode.builder().dataDirectory(dir).nativePort(taken.getLocalPort()).build();

            assertThatThrownBy(node::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("native port 127.0.0.1:" + taken.getLocalPort() + " is already in use");
            assertThat(node.isRunning()).isFalse();
        }
    }

    @Test
    void aNodeThatDiesDuringStartupReportsItsLog() {
        CassandraNode node = CassandraNode.builder()
                .dataDirectory(dir)
                .jvmOption("-Dcassandra.config=file:///nonexistent/cassandra.yaml")
                .startTimeout(Duration.ofSeconds(60))
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(CassandraStartupException.class)
                .hasMessageContaining("exited with status")
                .hasMessageContaining("last")
                .hasMessageContaining("nonexistent");
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void theNodeStopsByItselfWhenItsLauncherIsKilled() throws IOException {
        Files.createDirectories(dir);
        Path output = dir.resolve("launcher.out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process launcher = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        CassandraMain.class.getName(), dir.resolve("node").toString(), "0")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(150)).until(
                    () -> !launcher.isAlive() || Files.readString(output).contains("Cassandra ready at"));
            assertThat(launcher.isAlive()).as("launcher output:%n%s", Files.readString(output)).isTrue();
            ProcessHandle cassandra = launcher.children() // the only child: the Cassandra JVM
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst()
                    .orElseThrow();

            launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs

            await().atMost(Duration.ofSeconds(45)).until(() -> !cassandra.isAlive());
            assertThat(Files.readString(dir.resolve("node/logs/stdout.log"))).contains("parent process is gone");
        } finally {
            launcher.destroyForcibly();
        }
    }

    private static CqlSession session(CassandraNode node) {
        return CqlSession.builder()
                .addContactPoint(node.contactPoint())
                .withLocalDatacenter(node.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                        .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                        .build())
                .build();
    }
}
