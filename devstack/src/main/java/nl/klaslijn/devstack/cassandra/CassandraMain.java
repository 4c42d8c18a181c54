package nl.klaslijn.devstack.cassandra;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one Cassandra node until this JVM is stopped (Ctrl-C or SIGTERM stop the node cleanly; if
 * this JVM is killed, the node stops by itself).
 *
 * <pre>
 * CassandraMain &lt;data-directory&gt; [cql-port, default 9042, 0 = a free one] [heap, default 512m] [jmx-port, default none]
 * </pre>
 *
 * Exit status: 0 after a stop, 1 if the node fails to start, 2 on bad arguments, 3 if the node dies.
 */
public final class CassandraMain {

    private CassandraMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: CassandraMain <data-directory> [cql-port=9042] [heap=512m] [jmx-port]");
            System.exit(2);
        }
        CassandraNode.Builder builder = CassandraNode.builder()
                .dataDirectory(Path.of(args[0]))
                .nativePort(args.length > 1 ? Integer.parseInt(args[1]) : 9042)
                .heap(args.length > 2 ? args[2] : "512m");
        if (args.length > 3) {
            builder.jmxPort(Integer.parseInt(args[3]));
        }
        CassandraNode node = builder.build();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            node.close();
        }, "cassandra-stop"));
        try {
            node.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("Cassandra ready at 127.0.0.1:" + node.contactPoint().getPort() + ", data in " + node.dataDirectory()
                + ", log " + node.logFile() + ". Stop with Ctrl-C.");
        while (node.isRunning() || stopping.get()) {
            Thread.sleep(1000); // during shutdown the hook stops the node and the JVM ends
        }
        System.err.println("Cassandra stopped by itself; see " + node.logFile());
        System.exit(3);
    }
}
