package nl.klaslijn.devstack.redis;

/**
 * Runs one {@link RedisServer} until this JVM is stopped (Ctrl-C or SIGTERM stop the server; if this JVM is
 * killed, the server is killed by the shutdown hook where the JVM still runs one). For scripts such as
 * {@code load-tests/bench/cluster.sh}.
 *
 * <pre>
 * RedisMain [port, default 6379, 0 = a free one]
 * </pre>
 *
 * Prints {@code REDIS_PORT=<port>}, {@code REDIS_PID=<pid of redis-server>} and {@code REDIS_VERSION=<version>}
 * once the server answers PING. Exit status: 0 after a stop, 1 if it fails to start, 2 on bad arguments, 3 if
 * the server dies by itself.
 */
public final class RedisMain {

    private RedisMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 1) {
            System.err.println("usage: RedisMain [port=6379]");
            System.exit(2);
        }
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 6379;
        RedisServer server = RedisServer.onPort(port);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            server.close();
        }, "redis-main-stop"));
        try {
            server.start();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        long pid = ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        System.out.println("REDIS_PORT=" + server.port());
        System.out.println("REDIS_PID=" + pid);
        System.out.println("REDIS_VERSION=" + server.executable().version());
        System.out.flush();
        while (server.isRunning() || stopping.get()) {
            Thread.sleep(1000);
        }
        System.err.println("redis-server stopped by itself");
        System.exit(3);
    }
}
