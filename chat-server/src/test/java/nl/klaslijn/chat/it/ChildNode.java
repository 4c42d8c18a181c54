package nl.klaslijn.chat.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;

/** A chat node started as a separate JVM ({@link ChildNodeMain}) on this test's class path, killable with SIGKILL. */
final class ChildNode implements AutoCloseable {

    private final Process process;
    private final int port;

    ChildNode(int nodeId, TestCluster cluster, String redisUri, long presenceTimeoutMillis) throws Exception {
        CassandraNode cassandra = TestCassandra.shared();
        TestDatabase.session(); // the schema is migrated before the child connects
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ChildNodeMain.class.getName(),
                Integer.toString(nodeId), cassandra.contactPoint().getHostString(),
                Integer.toString(cassandra.contactPoint().getPort()), cassandra.localDatacenter(), "klaslijn_it",
                redisUri, cluster.broker.channelPrefix(), Long.toString(presenceTimeoutMillis)));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        ready.complete(Integer.parseInt(line.substring(6).trim()));
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("child node exited before READY"));
        }, "child-node-" + nodeId + "-output");
        reader.setDaemon(true);
        reader.start();
        port = ready.get(90, TimeUnit.SECONDS);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/stomp");
    }

    /** Kills the JVM the way a crash does: no shutdown hooks, no cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
