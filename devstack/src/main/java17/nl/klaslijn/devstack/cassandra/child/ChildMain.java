package nl.klaslijn.devstack.cassandra.child;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Main class of the Cassandra child JVM: starts a watchdog on standard input, then runs
 * {@code org.apache.cassandra.service.CassandraDaemon.main}.
 *
 * <p>Contract with the launcher: the parent keeps the child's standard input open and never writes
 * to it. End of input means the parent is gone (however it died, even SIGKILL), so the node shuts
 * down (System.exit runs Cassandra's own drain hook; after 30 s it halts) instead of living on as an
 * orphan holding ~1 GiB of locked memory and its ports.
 */
public final class ChildMain {

    static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final long HALT_AFTER_MILLIS = 30_000;

    private ChildMain() {}

    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(() -> exitWhenInputEnds(System.in), "klaslijn-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName(DAEMON_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void exitWhenInputEnds(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input.
        }
        System.err.println("klaslijn: parent process is gone, stopping Cassandra");
        Thread halt = new Thread(ChildMain::haltLater, "klaslijn-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
