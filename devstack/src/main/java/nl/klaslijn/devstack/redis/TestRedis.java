package nl.klaslijn.devstack.redis;

import org.jspecify.annotations.Nullable;

/**
 * One redis-server per test JVM, for the test suites of every module.
 *
 * <p>{@link #shared()} starts it on first call (thread-safe; later calls return the same server) on
 * a free loopback port, without persistence. A JVM shutdown hook stops it. Tests share the server, so
 * each should use its own channel and key names, and must not kill, freeze or restart it: fault
 * tests start their own {@link RedisServer}. If the start fails, every call rethrows that failure.
 */
public final class TestRedis {

    private static final Object LOCK = new Object();
    private static @Nullable RedisServer server;
    private static @Nullable RuntimeException startFailure;

    private TestRedis() {}

    public static RedisServer shared() {
        synchronized (LOCK) {
            if (server != null) {
                if (!server.isRunning()) {
                    throw new IllegalStateException("The shared test redis-server has died");
                }
                return server;
            }
            if (startFailure != null) {
                throw new IllegalStateException("The shared test redis-server failed to start earlier", startFailure);
            }
            RedisServer starting = RedisServer.onFreePort();
            try {
                starting.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(starting::close, "test-redis-stop"));
            server = starting;
            return starting;
        }
    }
}
