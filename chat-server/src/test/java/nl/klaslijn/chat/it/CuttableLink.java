package nl.klaslijn.chat.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay to one port (a redis-server), so that a test can take one node's link to Redis
 * down while the other nodes keep theirs: {@link #cut()} closes every relayed connection and closes new
 * ones as soon as they are accepted, {@link #restore()} relays again. Bytes are passed through unchanged.
 */
final class CuttableLink implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cuttable-link");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean cut;

    CuttableLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, LOOPBACK);
        threads.execute(this::accept);
    }

    String redisUri() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Closes every relayed connection; until {@link #restore()}, new connections are closed at once. */
    void cut() {
        cut = true;
        open.forEach(CuttableLink::closeQuietly);
        open.clear();
    }

    void restore() {
        cut = false;
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(LOOPBACK, targetPort);
                open.add(client);
                open.add(target);
                if (cut) { // cut while we connected: cut() may have missed these two
                    closeQuietly(client);
                    closeQuietly(target);
                    continue;
                }
                threads.execute(() -> pump(client, target));
                threads.execute(() -> pump(target, client));
            } catch (IOException e) {
                // server closed, or the target refused: the client sees its connection end
            }
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or closed by the other side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
