package nl.klaslijn.devstack.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Apache Cassandra 5.0 node, run as a child JVM on a JDK 17 ({@link Jdk17Locator}) with
 * the jars of {@code cassandra-all} ({@link CassandraClasspath}), listening on 127.0.0.1 only.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>{@link #start()} returns once the node answers CQL, or throws {@link
 *       CassandraStartupException} (with the tail of its logs) and leaves no process behind.
 *   <li>Everything lives under the data directory ({@link NodeLayout}); starting again on the same
 *       directory reuses its data, cluster name and token. One running node per directory (locked).
 *   <li>Port 0 means a free port chosen at each start: two nodes on one machine never collide.
 *       A fixed port that is taken fails fast.
 *   <li>The node dies with its launching JVM, however that ends (see the child's stdin watchdog).
 *   <li>{@link #close()} stops it with SIGTERM (exit status 143 is normal), forcibly after 15 s;
 *       idempotent. The node can be started again afterwards.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class CassandraNode implements AutoCloseable {

    /** The data center of a node with {@code SimpleSnitch}, needed by the driver. */
    public static final String LOCAL_DATACENTER = "datacenter1";

    private static final Logger log = LoggerFactory.getLogger(CassandraNode.class);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int START_ATTEMPTS = 3;
    private static final String CHILD_CLASS_FILE = CassandraJvm.CHILD_MAIN.replace('.', '/') + ".class";

    private final NodeLayout layout;
    private final int requestedNativePort;
    private final int requestedStoragePort;
    private final int jmxPort;
    private final String heap;
    private final @Nullable String clusterName;
    private final Duration startTimeout;
    private final List<String> jvmOptions;

    /** Guards start and stop; the fields below are read without it. */
    private final Object lifecycle = new Object();
    private volatile @Nullable Running running;
    private volatile @Nullable Process launching;
    private volatile int nativePort;
    private volatile boolean closing;

    private record Running(Process process, DataDirectoryLock lock) {}

    private CassandraNode(Builder builder) {
        this.layout = new NodeLayout(Objects.requireNonNull(builder.dataDirectory, "dataDirectory is required"));
        this.requestedNativePort = builder.nativePort;
        this.requestedStoragePort = builder.storagePort;
        this.jmxPort = builder.jmxPort;
        this.heap = builder.heap;
        this.clusterName = builder.clusterName;
        this.startTimeout = builder.startTimeout;
        this.jvmOptions = List.copyOf(builder.jvmOptions);
        this.nativePort = builder.nativePort;
    }

    /** Starts (and waits for) a local node for an application: its data folder, CQL port and heap. */
    public static CassandraNode startLocal(Path dataDirectory, int nativePort, String heap) {
        return builder().dataDirectory(dataDirectory.toAbsolutePath()).nativePort(nativePort).heap(heap).build().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches the node and blocks until it is ready: the native port is open and {@code SELECT
     * release_version FROM system.local} succeeds through the driver. Does nothing if it is running.
     * Automatically chosen ports that turn out to be taken are re-chosen (up to 3 launches).
     *
     * @throws CassandraStartupException if the node exits, or is not ready within the start timeout
     * @throws IllegalStateException if no JDK 17 is found, the directory is in use, or a fixed port is taken
     */
    public CassandraNode start() {
        synchronized (lifecycle) {
            Running current = running;
            if (current != null && current.process().isAlive()) {
                return this;
            }
            close();
            createDirectories();
            DataDirectoryLock lock = DataDirectoryLock.acquire(layout);
            try {
                running = new Running(launchUntilReady(), lock);
                return this;
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }
    }

    private Process launchUntilReady() {
        NodeIdentity identity = NodeIdentity.loadOrCreate(layout.identityFile(), clusterName);
        Path java = Jdk17Locator.locateJavaExecutable();
        List<Path> classpath = CassandraClasspath.entries();
        copyChildMain();
        for (int attempt = 1; ; attempt++) {
            int port = requestedNativePort != 0 ? requireFree(requestedNativePort, "native") : FreePorts.pick();
            identity = identity.withStoragePort(storagePort(identity));
            NodeConfigFiles.write(layout, identity, port);
            List<String> command = CassandraJvm.command(java, classpath, layout, heap, jmxPort, jvmOptions);
            log.info("Starting Cassandra in {} (CQL 127.0.0.1:{}, storage port {}, {})",
                    layout.dataDirectory(), port, identity.storagePort(), java);
            long started = System.nanoTime();
            Process process = launch(command);
            launching = process;
            try {
                String version = awaitReady(process, port, started);
                identity.save(layout.identityFile());
                nativePort = port;
                log.info("Cassandra {} ready at 127.0.0.1:{} after {} ms (pid {})",
                        version, port, (System.nanoTime() - started) / 1_000_000, process.pid());
                return process;
            } catch (CassandraStartupException e) {
                stop(process);
                boolean autoPorts = requestedNativePort == 0 || requestedStoragePort == 0;
                if (closing || !(e.portInUse() && autoPorts && attempt < START_ATTEMPTS)) {
                    throw e;
                }
                log.warn("Cassandra in {} lost a race for a port; retrying with new ports", layout.dataDirectory());
                identity = identity.withStoragePort(0);
            } catch (RuntimeException e) {
                stop(process);
                throw e;
            } finally {
                launching = null;
            }
        }
    }

    private int storagePort(NodeIdentity identity) {
        if (requestedStoragePort != 0) {
            return requireFree(requestedStoragePort, "storage");
        }
        int previous = identity.storagePort();
        return previous != 0 && FreePorts.isFree(previous) ? previous : FreePorts.pick();
    }

    private int requireFree(int port, String what) {
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("Cannot start Cassandra in " + layout.dataDirectory() + ": " + what
                    + " port 127.0.0.1:" + port + " is already in use (another node? see `ss -ltnp`)");
        }
        return port;
    }

    private Process launch(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.dataDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(layout.stdoutLog().toFile()));
        // The child's JVM options are exactly ours: nothing inherited that a JDK 17 may reject.
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        try {
            Files.writeString(layout.stdoutLog(), "==== " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            // Standard input stays an open pipe that is never written: the child's parent watchdog.
            return builder.start();
        } catch (IOException e) {
            throw new CassandraStartupException("Cannot launch " + command.get(0) + ": " + e, false);
        }
    }

    private String awaitReady(Process process, int port, long startedNanos) {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        long deadline = startedNanos + startTimeout.toNanos();
        @Nullable RuntimeException lastProbeFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with status " + process.exitValue() + " during startup", startedNanos);
            }
            if (System.nanoTime() - deadline > 0) {
                String last = lastProbeFailure == null ? "" : " (last CQL probe: " + lastProbeFailure + ")";
                throw failure("was not ready within " + startTimeout.toSeconds() + " s" + last, startedNanos);
            }
            if (ReadinessProbe.portOpen(address)) {
                try {
                    return ReadinessProbe.releaseVersion(address, LOCAL_DATACENTER);
                } catch (RuntimeException e) {
                    lastProbeFailure = e;
                }
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("start was interrupted", startedNanos);
            }
        }
    }

    private CassandraStartupException failure(String what, long startedNanos) {
        String tail = LogTail.of(40, layout.systemLog(), layout.stdoutLog());
        boolean portInUse = Pattern.compile("Address already in use|Failed to bind|Unable to bind").matcher(tail).find();
        return new CassandraStartupException("Cassandra node in " + layout.dataDirectory() + " " + what + " after "
                + (System.nanoTime() - startedNanos) / 1_000_000 + " ms" + tail, portInUse);
    }

    /** The 127.0.0.1 address of the CQL native port. */
    public InetSocketAddress contactPoint() {
        int port = nativePort;
        if (port == 0) {
            throw new IllegalStateException("The native port is chosen at start; start the node first");
        }
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** {@value #LOCAL_DATACENTER}, for {@code withLocalDatacenter}. */
    public String localDatacenter() {
        return LOCAL_DATACENTER;
    }

    public Path dataDirectory() {
        return layout.dataDirectory();
    }

    /** Cassandra's own log (INFO and up). */
    public Path logFile() {
        return layout.systemLog();
    }

    public boolean isRunning() {
        Running current = running;
        return current != null && current.process().isAlive();
    }

    /**
     * Stops the node (SIGTERM, then SIGKILL after 15 s) and waits for it to exit. Idempotent. A
     * {@link #start()} in progress on another thread is aborted (it throws).
     */
    @Override
    public void close() {
        Process starting = launching;
        if (starting != null) {
            closing = true;
            starting.destroy();
        }
        synchronized (lifecycle) {
            closing = false;
            Running stopping = running;
            running = null;
            if (stopping == null) {
                return;
            }
            try {
                stop(stopping.process());
            } finally {
                stopping.lock().close();
            }
        }
    }

    private void stop(Process process) {
        boolean interrupted = false;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Cassandra (pid {}) did not stop within {} s; killing it", process.pid(), STOP_GRACE.toSeconds());
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is gone with the process
        }
        if (!process.isAlive()) {
            int status = process.exitValue();
            if (status != 0 && status != 143) {
                log.warn("Cassandra (pid {}) exited with status {}; see {}", process.pid(), status, layout.systemLog());
            } else {
                log.info("Cassandra in {} stopped", layout.dataDirectory());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void createDirectories() {
        try {
            Files.createDirectories(layout.logDirectory());
            Files.createDirectories(layout.triggersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.dataDirectory(), e);
        }
    }

    /** The child JVM's main class, copied out of wherever devstack's classes are (directory, jar, fat jar). */
    private void copyChildMain() {
        Path target = layout.launcherDirectory().resolve(CHILD_CLASS_FILE);
        try (InputStream in = CassandraNode.class.getClassLoader().getResourceAsStream(CHILD_CLASS_FILE)) {
            if (in == null) {
                throw new IllegalStateException(CHILD_CLASS_FILE + " is not on the classpath (devstack built incompletely?)");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    @Override
    public String toString() {
        return "CassandraNode[" + layout.dataDirectory() + ", port " + nativePort + "]";
    }

    /** Settings of a {@link CassandraNode}; only the data directory is required. */
    public static final class Builder {

        private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

        private @Nullable Path dataDirectory;
        private int nativePort;
        private int storagePort;
        private int jmxPort;
        private String heap = "512m";
        private @Nullable String clusterName;
        private Duration startTimeout = Duration.ofSeconds(120);
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {}

        /** Where the node keeps its data, configuration and logs; created if missing. Required. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
            return this;
        }

        /** CQL port on 127.0.0.1; 0 (default) picks a free one at each start. */
        public Builder nativePort(int port) {
            this.nativePort = checkPort(port);
            return this;
        }

        /** Inter-node port on 127.0.0.1; 0 (default) reuses the directory's last one if free, else picks one. */
        public Builder storagePort(int port) {
            this.storagePort = checkPort(port);
            return this;
        }

        /** A loopback JMX port (for nodetool); 0 (default) starts no JMX server. */
        public Builder jmxPort(int port) {
            this.jmxPort = checkPort(port);
            return this;
        }

        /** Heap size, -Xms and -Xmx, such as {@code 512m} (default) or {@code 1g}. */
        public Builder heap(String heap) {
            if (!HEAP.matcher(heap).matches()) {
                throw new IllegalArgumentException("heap must look like 512m or 1g, got " + heap);
            }
            this.heap = heap;
            return this;
        }

        /** Default: the directory's cluster name, or "klaslijn" for a new one. Must match existing data. */
        public Builder clusterName(String clusterName) {
            this.clusterName = clusterName;
            return this;
        }

        /** How long {@link #start()} waits for readiness; default 120 s. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive");
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /** An extra option for the Cassandra JVM, after the built-in ones (so a -D here wins). */
        public Builder jvmOption(String option) {
            this.jvmOptions.add(option);
            return this;
        }

        public CassandraNode build() {
            return new CassandraNode(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            return port;
        }
    }
}
