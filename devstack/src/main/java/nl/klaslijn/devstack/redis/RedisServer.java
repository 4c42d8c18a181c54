package nl.klaslijn.devstack.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real {@code redis-server} process on 127.0.0.1, without persistence ({@code save ""},
 * {@code appendonly no}), for tests and the local start.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>{@link #start()} returns once the server answers {@code PING}, or throws {@link
 *       IllegalStateException} with the tail of its log and leaves no process behind. Port 0 (the
 *       default) picks a free port at the first start (retried if another process takes it first);
 *       every later start, {@link #restart()} included, reuses that port.
 *   <li>{@link #stop()} ends it with SIGTERM (forcibly after 5 s), {@link #kill()} with SIGKILL;
 *       both are idempotent and the server can be started again. A JVM shutdown hook kills a server
 *       still running when the JVM exits normally.
 *   <li>{@link #freeze()} sends SIGSTOP: the port stays open and connections stay up, but nothing is
 *       answered until {@link #resume()} (SIGCONT). Stopping a frozen server resumes it first.
 *   <li>Its working directory (log file) is a fresh temporary directory, deleted by {@link #close()}.
 * </ul>
 *
 * <p>Thread-safe: every method is synchronized on the server.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int START_ATTEMPTS = 3;

    private final RedisExecutable executable;
    private final boolean portWasGiven;
    private int port;
    private @Nullable Path workDirectory;
    private @Nullable Process process;
    private boolean frozen;
    private @Nullable Thread shutdownHook;

    private RedisServer(RedisExecutable executable, int port) {
        this.executable = executable;
        this.portWasGiven = port != 0;
        this.port = port;
    }

    /** A server on a free port, with the binary {@link RedisExecutable#locate()} finds. Not started. */
    public static RedisServer onFreePort() {
        return new RedisServer(RedisExecutable.locate(), 0);
    }

    /** A server on {@code port} (0: a free one), with the binary {@link RedisExecutable#locate()} finds. Not started. */
    public static RedisServer onPort(int port) {
        return create(RedisExecutable.locate(), port);
    }

    /** A server on {@code port} (0: a free one), with the given binary. Not started. */
    public static RedisServer create(RedisExecutable executable, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new RedisServer(executable, port);
    }

    /** The port; 0 before the first start of a server created on a free port. */
    public synchronized int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public synchronized String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public RedisExecutable executable() {
        return executable;
    }

    /** Whether this server has sharded pub/sub (Redis 7 and later). */
    public boolean supportsShardedPubSub() {
        return executable.supportsShardedPubSub();
    }

    /** Whether the process is alive (a frozen process is alive). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server and waits until it answers PING; does nothing if it is running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        int attempts = portWasGiven || port != 0 ? 1 : START_ATTEMPTS;
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int tryPort = port != 0 ? port : freePort();
            try {
                launch(tryPort);
                port = tryPort;
                return;
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** SIGTERM (forcibly after 5 s); waits for the process to end. Idempotent. */
    public synchronized void stop() {
        end(false);
    }

    /** SIGKILL, as a crash would; waits for the process to end. Idempotent. */
    public synchronized void kill() {
        end(true);
    }

    /** {@link #stop()} then {@link #start()} on the same port. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** SIGSTOP: the server stops answering, its connections stay open. */
    public synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** SIGCONT after {@link #freeze()}; does nothing if not frozen. */
    public synchronized void resume() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    /** Stops the server and deletes its working directory. */
    @Override
    public synchronized void close() {
        stop();
        deleteWorkDirectory();
    }

    private void launch(int tryPort) {
        Path dir = workDirectory();
        Path logFile = dir.resolve("redis.log");
        List<String> command = List.of(executable.path().toString(),
                "--port", Integer.toString(tryPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", dir.toString(), "--logfile", "");
        Process started;
        try {
            started = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable.path(), e);
        }
        process = started;
        registerShutdownHook();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                process = null;
                throw new IllegalStateException("redis-server on port " + tryPort + " exited with "
                        + started.exitValue() + ": " + tail(logFile));
            }
            if (RedisPing.answers(tryPort, Duration.ofMillis(500))) {
                log.info("redis-server {} ready on 127.0.0.1:{} ({})", executable.version(), tryPort, executable.path());
                return;
            }
            try {
                started.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end(true);
                throw new IllegalStateException("Interrupted while starting redis-server", e);
            }
        }
        end(true);
        throw new IllegalStateException("redis-server did not answer PING on port " + tryPort + " within "
                + START_TIMEOUT + ": " + tail(logFile));
    }

    private void end(boolean forcibly) {
        Process running = process;
        if (running == null) {
            return;
        }
        if (frozen && running.isAlive()) {
            signal("CONT");
        }
        frozen = false;
        try {
            if (forcibly) {
                running.destroyForcibly();
            } else {
                running.destroy();
                if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    running.destroyForcibly();
                }
            }
            running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        process = null;
    }

    private void signal(String name) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("redis-server is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(running.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + name, e);
        }
    }

    private Path workDirectory() {
        if (workDirectory == null) {
            try {
                workDirectory = Files.createTempDirectory("klaslijn-redis-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a working directory for redis-server", e);
            }
        }
        return workDirectory;
    }

    private void deleteWorkDirectory() {
        Path dir = workDirectory;
        workDirectory = null;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temporary directory.
        }
    }

    private void registerShutdownHook() {
        if (shutdownHook == null) {
            Thread hook = new Thread(this::killQuietly, "redis-server-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        }
    }

    private void killQuietly() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback server socket", e);
        }
    }
}
