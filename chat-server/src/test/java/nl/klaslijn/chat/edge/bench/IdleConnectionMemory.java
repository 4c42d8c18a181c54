package nl.klaslijn.chat.edge.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.SessionHandler;
import nl.klaslijn.chat.edge.ChatEdgeServer;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.common.auth.Role;

/**
 * Measures the server heap an idle, authenticated STOMP connection with one subscription costs.
 *
 * <p>The server runs in its own JVM (so client objects are not counted): this process starts it, opens N
 * WebSocket connections with a Netty client, CONNECTs each (heart-beats negotiated: the server sends one
 * every 10 s, the client sends none, as a phone in the background might) and SUBSCRIBEs once, waits for the
 * RECEIPTs, then asks the server for a full-GC class histogram. The difference to the histogram taken
 * before connecting, divided by N, is the cost per connection; it is printed per class.
 *
 * <p>Mode {@code raw} runs, for comparison, a bare Netty server whose connections have an empty pipeline
 * (plain TCP connections, no protocol at all). Nothing is asserted: this is a measurement.
 *
 * <p>Run from the repository root (any JDK 17+; the server JVM uses the same java):
 * <pre>
 * ./mvnw -q -o -pl chat-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -Xmx512m --enable-native-access=ALL-UNNAMED \
 *     -cp chat-server/target/test-classes:chat-server/target/classes:$(cat chat-server/target/bench.classpath) \
 *     nl.klaslijn.chat.edge.bench.IdleConnectionMemory 5000 [edge|raw]
 * </pre>
 * Measured on the 2-core dev machine, JDK 25, epoll, 5,000 connections: edge 2,371 bytes per connection
 * (the bench core's session and subscription strings included), raw Netty 1,068.
 */
public final class IdleConnectionMemory {

    /** Fixed, so a server and clients in other JVMs agree; the server gets only its public half. */
    private static final SigningKey KEY = SigningKey.parse("""
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbKfk9VamFOe/Qxtk
            Ve3sAzc/4ChwxGwOIVwxOVVxG5KhRANCAAS6w6Ee15N4kWCnwWtXoLlZNIToFbog
            4GJh5gf8lDsjYBezYrFOKNnbj+X7kMYwEJ79gWM+gC4cTJs/Hsi/NqBE
            -----END PRIVATE KEY-----
            """);

    private IdleConnectionMemory() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--server")) {
            Server.run(args[1]);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        String mode = args.length > 1 ? args[1] : "edge";

        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx512m", "-Xms512m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled",
                "-Dlogback.configurationFile=edge/logback-bench.xml",
                "-cp", System.getProperty("java.class.path"), IdleConnectionMemory.class.getName(), "--server", mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while (line != null && !line.startsWith("PORT ")) {
                line = in.readLine(); // the server's log goes to stdout too
            }
            if (line == null) {
                throw new IllegalStateException("server exited before listening");
            }
            int port = Integer.parseInt(line.substring("PORT ".length()));
            Map<String, long[]> before = histogram(in, out);

            List<Channel> channels = mode.equals("raw") ? openRaw(port, n) : openStomp(port, n);
            Thread.sleep(2000); // let handshake leftovers settle
            Map<String, long[]> after = histogram(in, out);
            report(mode, n, before, after);
            for (Channel c : channels) {
                c.close();
            }
            out.println("EXIT");
        } finally {
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroy();
            }
            CLIENT_GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** A handler that does nothing, for bare connections. */
    private static final ChannelInboundHandlerAdapter NOTHING = new ChannelInboundHandlerAdapter() {
        @Override
        public boolean isSharable() {
            return true;
        }
    };

    private static final EventLoopGroup CLIENT_GROUP = new MultiThreadIoEventLoopGroup(1,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());

    private static Bootstrap client() {
        return new Bootstrap().group(CLIENT_GROUP)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    private static List<Channel> openRaw(int port, int n) throws Exception {
        List<Channel> channels = new ArrayList<>();
        Bootstrap b = client().handler(NOTHING);
        for (int i = 0; i < n; i++) {
            channels.add(b.connect("127.0.0.1", port).sync().channel());
        }
        return channels;
    }

    private static List<Channel> openStomp(int port, int n) throws Exception {
        TokenSigner tokens = new TokenSigner(KEY, Clock.systemUTC(), Duration.ofHours(2));
        CountDownLatch subscribed = new CountDownLatch(n);
        AtomicInteger failures = new AtomicInteger();
        Semaphore inFlight = new Semaphore(200);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/stomp");
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            String token = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofHours(1));
            int index = i;
            Bootstrap b = client().handler(BenchStompClient.initializer(uri, token, "0,10000", (ctx, text) -> {
                if (text.startsWith("CONNECTED")) {
                    BenchStompClient.send(ctx, "SUBSCRIBE\nid:sub-0\ndestination:/conversations/" + (index % 500)
                            + "\nreceipt:s\n\n\0");
                } else if (text.startsWith("RECEIPT")) {
                    subscribed.countDown();
                    inFlight.release();
                } else if (text.startsWith("ERROR")) {
                    failures.incrementAndGet();
                    subscribed.countDown();
                    inFlight.release();
                }
            }));
            channels.add(b.connect("127.0.0.1", port).sync().channel());
        }
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (n - subscribed.getCount()) + " of " + n + " subscribed");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " connections got ERROR");
        }
        return channels;
    }

    private static Map<String, long[]> histogram(BufferedReader in, PrintWriter out) throws Exception {
        out.println("HISTOGRAM");
        Map<String, long[]> classes = new HashMap<>();
        for (String line; !(line = in.readLine()).equals("END"); ) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].matches("\\d+:")) {
                classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            } else if (parts.length >= 3 && parts[0].equals("Total")) {
                classes.put("(total)", new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return classes;
    }

    private static void report(String mode, int n, Map<String, long[]> before, Map<String, long[]> after) {
        long[] zero = {0, 0};
        List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), zero);
            deltas.add(Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]}));
        }
        deltas.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
        long total = after.get("(total)")[1] - before.get("(total)")[1];
        System.out.printf("mode %s, %d connections: live heap grew by %,d bytes = %.0f bytes per connection%n",
                mode, n, total, (double) total / n);
        System.out.printf("%10s %12s  %s%n", "inst/conn", "bytes/conn", "class");
        for (Map.Entry<String, long[]> e : deltas) {
            double bytes = (double) e.getValue()[1] / n;
            if (e.getKey().equals("(total)") || Math.abs(bytes) < 8) {
                continue;
            }
            System.out.printf("%10.2f %12.1f  %s%n", (double) e.getValue()[0] / n, bytes, e.getKey());
        }
    }

    /** The measured process: an edge (or raw Netty) server, driven over stdin/stdout. */
    static final class Server {

        static void run(String mode) throws Exception {
            ChatEdgeServer edge = null;
            EventLoopGroup raw = null;
            int port;
            if (mode.equals("raw")) {
                raw = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
                port = ((java.net.InetSocketAddress) new ServerBootstrap().group(raw)
                        .channel(EpollServerSocketChannel.class)
                        .childHandler(NOTHING)
                        .bind("127.0.0.1", 0).sync().channel().localAddress()).getPort();
            } else {
                edge = new ChatEdgeServer(EdgeSettings.builder().port(0).ioThreads(1).build(), new BenchCore(),
                        new TokenVerifier(KEY.verificationKeys(), Clock.systemUTC(), Duration.ofHours(2)), null);
                port = edge.start();
            }
            System.out.println("PORT " + port);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command; (command = in.readLine()) != null && !command.equals("EXIT"); ) {
                if (command.equals("HISTOGRAM")) {
                    System.gc();
                    System.out.println(classHistogram());
                    System.out.println("END");
                }
            }
            if (edge != null) {
                edge.stop();
            }
            if (raw != null) {
                raw.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }

        private static String classHistogram() throws Exception {
            // Same as jcmd <pid> GC.class_histogram: a full GC, then live objects by class.
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        }
    }

    /**
     * A core as lean as a real one can be: per connection its session handler holding the one subscription
     * (id and destination); a shared map from destination to subscribers is left out on purpose, as its
     * cost is the core's, not the transport's.
     */
    static final class BenchCore implements ChatCore {
        @Override
        public SessionHandler open(Connection connection) {
            return new SessionHandler() {
                private String subscriptionId;
                private String destination;

                @Override
                public void onFrame(ClientFrame frame) {
                    subscriptionId = frame.header("id");
                    destination = frame.header("destination");
                    String receipt = frame.header("receipt");
                    if (receipt != null) {
                        connection.send(ServerFrame.receipt(receipt));
                    }
                }

                @Override
                public void onClose() {
                    subscriptionId = null;
                    destination = null;
                }
            };
        }
    }
}
