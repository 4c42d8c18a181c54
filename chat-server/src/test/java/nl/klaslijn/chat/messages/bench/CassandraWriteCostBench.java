package nl.klaslijn.chat.messages.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;

/**
 * What each kind of Cassandra request a chat message causes costs Cassandra in CPU: the claim (a
 * lightweight transaction), the message row, and the index updates, alone and together. Cassandra CPU is
 * the child JVM's user + system time from {@code /proc/<pid>/stat}, divided by the operations; the
 * client's (this JVM's) CPU is shown beside it. One operation = what is named, with 64 in flight.
 *
 * <pre>
 * ./mvnw -q -o -pl chat-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx512m -XX:+UseSerialGC \
 *     -cp chat-server/target/test-classes:chat-server/target/classes:$(cat chat-server/target/bench.classpath) \
 *     nl.klaslijn.chat.messages.bench.CassandraWriteCostBench [operations per variant] [rounds]
 * </pre>
 *
 * <p>{@code -Dbench.protocols=V5,V4} runs every round once per native protocol version, each on a session of its
 * own against the same (equally warm) node; the default is the chat server's own session ({@code default}).
 */
public final class CassandraWriteCostBench {

    private static final int IN_FLIGHT = 64;
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private CassandraWriteCostBench() {}

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        CassandraNode node = TestCassandra.shared();
        long cassandraPid = cassandraPid();
        CassandraSettings settings = new CassandraSettings(List.of(node.contactPoint()), node.localDatacenter(),
                "bench_writes", CassandraSettings.DEFAULT_REPLICATION, Duration.ofSeconds(10));
        try (CqlSession ddl = CassandraSessions.openForSchemaChanges(settings)) {
            createSchema(ddl);
        }
        String[] protocols = System.getProperty("bench.protocols", "default").split(",");
        for (int round = 0; round < rounds; round++) {
            for (String protocol : protocols) {
                try (CqlSession session = open(settings, protocol)) {
                    System.out.printf("round %d, protocol %s (%d operations each, %d in flight)%n", round + 1,
                            session.getContext().getProtocolVersion(), operations, IN_FLIGHT);
                    runAll(new Variants(session), operations, cassandraPid);
                }
            }
        }
        System.exit(0);
    }

    /** The chat server's session, or with {@code protocol} (V4, V5) forced. */
    private static CqlSession open(CassandraSettings settings, String protocol) {
        if (protocol.equals("default")) {
            return CassandraSessions.open(settings);
        }
        return CqlSession.builder()
                .addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDatacenter())
                .withKeyspace(settings.keyspace())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withString(DefaultDriverOption.PROTOCOL_VERSION, protocol)
                        .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
                        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                        .build())
                .build();
    }

    private static void runAll(Variants variants, int operations, long cassandraPid) throws Exception {
        measure("claim: INSERT .. IF NOT EXISTS", operations, cassandraPid, variants::claim);
        measure("claim read: SELECT by key", operations, cassandraPid, variants::readClaim);
        measure("message row: INSERT", operations, cassandraPid, variants::message);
        measure("index: unlogged batch of 2 updates", operations, cassandraPid, n -> variants.index(n, 2));
        measure("index: unlogged batch of 10 updates", operations, cassandraPid, n -> variants.index(n, 10));
        measure("index: 10 single updates", operations / 10, cassandraPid, variants::tenSingles);
        measure("1:1 send: claim, then row + batch of 2", operations, cassandraPid, variants::directSend);
    }

    private static void createSchema(CqlSession ddl) {
        ddl.execute("CREATE KEYSPACE IF NOT EXISTS bench_writes WITH replication = "
                + CassandraSettings.DEFAULT_REPLICATION);
        ddl.execute("CREATE TABLE IF NOT EXISTS bench_writes.claims (school_id uuid, conversation_id uuid,"
                + " sender_id uuid, client_message_id text, message_id bigint,"
                + " PRIMARY KEY ((school_id, conversation_id, sender_id, client_message_id)))");
        ddl.execute("CREATE TABLE IF NOT EXISTS bench_writes.messages (school_id uuid, conversation_id uuid,"
                + " bucket bigint, message_id bigint, sender_id uuid, client_message_id text, body text,"
                + " PRIMARY KEY ((school_id, conversation_id, bucket), message_id))"
                + " WITH CLUSTERING ORDER BY (message_id DESC)");
        ddl.execute("CREATE TABLE IF NOT EXISTS bench_writes.user_conversations (school_id uuid, user_id uuid,"
                + " conversation_id uuid, last_message_id bigint, last_sender_id uuid, last_preview text,"
                + " PRIMARY KEY ((school_id, user_id), conversation_id))");
    }

    /** The operations, on 200 conversations and 2,000 users of one school, like a busy school. */
    private static final class Variants {
        private static final String BODY = "{\"text\":\"" + "x".repeat(200) + "\"}";
        private final CqlSession session;
        private final PreparedStatement claim;
        private final PreparedStatement readClaim;
        private final PreparedStatement message;
        private final PreparedStatement index;
        private final UUID school = UUID.randomUUID();
        private final UUID[] conversations = new UUID[200];
        private final UUID[] users = new UUID[2_000];
        private final String run = UUID.randomUUID().toString();

        Variants(CqlSession session) {
            this.session = session;
            claim = session.prepare("INSERT INTO claims (school_id, conversation_id, sender_id, client_message_id,"
                    + " message_id) VALUES (?, ?, ?, ?, ?) IF NOT EXISTS");
            readClaim = session.prepare("SELECT message_id FROM claims WHERE school_id = ? AND conversation_id = ?"
                    + " AND sender_id = ? AND client_message_id = ?");
            message = session.prepare("INSERT INTO messages (school_id, conversation_id, bucket, message_id,"
                    + " sender_id, client_message_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
            index = session.prepare("UPDATE user_conversations SET last_message_id = ?, last_sender_id = ?,"
                    + " last_preview = ? WHERE school_id = ? AND user_id = ? AND conversation_id = ?");
            for (int i = 0; i < conversations.length; i++) {
                conversations[i] = UUID.randomUUID();
            }
            for (int i = 0; i < users.length; i++) {
                users[i] = UUID.randomUUID();
            }
        }

        CompletionStage<?> claim(long n) {
            return session.executeAsync(claim.bind(school, conversation(n), users[(int) (n % users.length)],
                    run + "-" + n, n));
        }

        /** Reads one claim key by number: keys the claim variant wrote are found, others miss (one partition each). */
        CompletionStage<?> readClaim(long n) {
            long claimed = n % Math.max(1, SEQUENCE.get() / 2);
            return session.executeAsync(readClaim.bind(school, conversation(claimed),
                    users[(int) (claimed % users.length)], run + "-" + claimed));
        }

        CompletionStage<?> message(long n) {
            return session.executeAsync(message.bind(school, conversation(n), n / 1_000, n,
                    users[(int) (n % users.length)], run + "-" + n, BODY));
        }

        CompletionStage<?> index(long n, int members) {
            BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
            for (int m = 0; m < members; m++) {
                batch.addStatement(indexUpdate(n, m));
            }
            return session.executeAsync(batch.build());
        }

        CompletionStage<?> tenSingles(long n) {
            CompletableFuture<?>[] writes = new CompletableFuture<?>[10];
            for (int m = 0; m < 10; m++) {
                writes[m] = session.executeAsync(indexUpdate(n, m)).toCompletableFuture();
            }
            return CompletableFuture.allOf(writes);
        }

        CompletionStage<?> directSend(long n) {
            return claim(n).thenCompose(claimed -> CompletableFuture.allOf(
                    message(n).toCompletableFuture(), index(n, 2).toCompletableFuture()));
        }

        private BoundStatement indexUpdate(long n, int member) {
            return index.bind(n, users[(int) (n % users.length)], "preview " + n, school,
                    users[(int) ((n * 7 + member * 31) % users.length)], conversation(n));
        }

        private UUID conversation(long n) {
            return conversations[(int) (n % conversations.length)];
        }
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static void measure(String name, int operations, long cassandraPid, LongFunction<CompletionStage<?>> op)
            throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong failures = new AtomicLong();
        long cassandraBefore = cpuNanos(cassandraPid);
        long selfBefore = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < operations; i++) {
            slots.acquire();
            op.apply(SEQUENCE.incrementAndGet()).whenComplete((done, failure) -> {
                if (failure != null) {
                    failures.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(IN_FLIGHT);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cassandraMicros = (cpuNanos(cassandraPid) - cassandraBefore) / 1e3 / operations;
        double selfMicros = (processCpuNanos() - selfBefore) / 1e3 / operations;
        System.out.printf("  %-42s %7.0f ops/s  Cassandra %6.1f µs/op  client %6.1f µs/op  failed %d%n",
                name, operations / seconds, cassandraMicros, selfMicros, failures.get());
    }

    /** The Cassandra child JVM that {@link TestCassandra} started. */
    private static long cassandraPid() {
        Optional<ProcessHandle> child = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false))
                .findFirst();
        return child.orElseThrow(() -> new IllegalStateException("no Cassandra child process")).pid();
    }

    private static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 1_000_000_000L / CLOCK_TICKS;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
