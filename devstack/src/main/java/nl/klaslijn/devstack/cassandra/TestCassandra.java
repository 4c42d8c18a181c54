package nl.klaslijn.devstack.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One Cassandra node per test JVM, for the test suites of every module.
 *
 * <p>{@link #shared()} starts it on first call (thread-safe; later calls return the same node): a
 * fresh data directory {@code ${user.dir}/target/cassandra-test-<random>}, 512 MiB heap, free
 * ports. A JVM shutdown hook stops it and deletes the directory. Tests share the node, so each
 * should use its own keyspace or table names. If the start fails, every call rethrows that failure
 * (no 2-minute retry per test) and the directory is kept for its logs.
 */
public final class TestCassandra {

    private static final Object LOCK = new Object();
    private static @Nullable CassandraNode node;
    private static @Nullable RuntimeException startFailure;

    private TestCassandra() {}

    public static CassandraNode shared() {
        synchronized (LOCK) {
            if (node != null) {
                if (!node.isRunning()) {
                    throw new IllegalStateException("The shared test Cassandra node has died; see " + node.logFile());
                }
                return node;
            }
            if (startFailure != null) {
                throw new IllegalStateException("The shared test Cassandra node failed to start earlier", startFailure);
            }
            Path directory = Path.of(System.getProperty("user.dir"), "target",
                    "cassandra-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            CassandraNode starting = CassandraNode.builder().dataDirectory(directory).heap("512m").build();
            try {
                starting.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndDelete(starting), "test-cassandra-stop"));
            node = starting;
            return starting;
        }
    }

    private static void stopAndDelete(CassandraNode stopping) {
        stopping.close();
        try (Stream<Path> files = Files.walk(stopping.dataDirectory())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: target/ is cleaned by the next mvn clean anyway.
        }
    }
}
