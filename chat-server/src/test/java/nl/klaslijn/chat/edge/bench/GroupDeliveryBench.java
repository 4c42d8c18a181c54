package nl.klaslijn.chat.edge.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.core.DeliveryBatching;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.SessionHandler;
import nl.klaslijn.chat.edge.ChatEdgeServer;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.edge.EdgeTransport;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.common.auth.Role;

/**
 * Server CPU per recipient connection for delivering group messages, the delivery alone: no storage, no
 * broker. What the issue's "at most 8 µs per recipient connection" is about, measured without the noise of
 * a full server (Cassandra, Gatling and the JIT share the 2 cores there; docs/benchmarks.md, section 9).
 *
 * <p>The real edge ({@link ChatEdgeServer}: WebSocket, STOMP, {@code NettyConnection}, {@code LoopMailbox})
 * with default event loops; 20 groups x 30 connected, subscribed clients (a Netty client on one thread of
 * its own, reading everything). One "fan-out" thread, like the chat core's, sends 100 messages per second
 * (3,000 deliveries/s), each a fresh {@link ServerFrame} with a 250-byte JSON body delivered to the 30
 * connections of one group, inside {@link DeliveryBatching#deliverAll} (or not). Server CPU = the CPU time
 * of the edge's event loops and of the fan-out thread (ThreadMXBean), user and kernel, divided by the
 * deliveries; the client's threads are not counted. Each variant: a warm-up, then the measured seconds.
 * {@code -Dbench.ioThreads=N} sets the edge's event loops (default 0: Netty's, twice the cores).
 *
 * <pre>
 * ./mvnw -q -o -pl chat-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
 *     -Dio.netty.leakDetection.level=disabled -Dlogback.configurationFile=edge/logback-bench.xml \
 *     -cp chat-server/target/test-classes:chat-server/target/classes:$(cat chat-server/target/bench.classpath) \
 *     nl.klaslijn.chat.edge.bench.GroupDeliveryBench [seconds] [rounds] [epoll|nio] [batched: true|false]
 * </pre>
 */
public final class GroupDeliveryBench {

    /** Fixed, so a server and clients in other JVMs agree; the server gets only its public half. */
    private static final SigningKey KEY = SigningKey.parse("""
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbKfk9VamFOe/Qxtk
            Ve3sAzc/4ChwxGwOIVwxOVVxG5KhRANCAAS6w6Ee15N4kWCnwWtXoLlZNIToFbog
            4GJh5gf8lDsjYBezYrFOKNnbj+X7kMYwEJ79gWM+gC4cTJs/Hsi/NqBE
            -----END PRIVATE KEY-----
            """);
    private static final int GROUPS = 20;
    private static final int SIZE = 30;
    private static final int MESSAGES_PER_SECOND = 100;

    private GroupDeliveryBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        EdgeTransport[] transports = args.length > 2
                ? new EdgeTransport[] {EdgeTransport.parse(args[2])}
                : new EdgeTransport[] {EdgeTransport.EPOLL};
        boolean[] batching = args.length > 3 ? new boolean[] {Boolean.parseBoolean(args[3])} : new boolean[] {false, true};
        for (int round = 1; round <= rounds; round++) {
            for (EdgeTransport transport : transports) {
                for (boolean batched : batching) {
                    run(round, transport, batched, seconds);
                }
            }
        }
    }

    private static void run(int round, EdgeTransport transport, boolean batched, int seconds) throws Exception {
        BenchCore core = new BenchCore();
        ChatEdgeServer edge = new ChatEdgeServer(EdgeSettings.builder().port(0).transport(transport)
                .ioThreads(Integer.getInteger("bench.ioThreads", 0)).build(), core,
                new TokenVerifier(KEY.verificationKeys(), Clock.systemUTC(), Duration.ofHours(2)), null);
        int port = edge.start();
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        AtomicLong received = new AtomicLong();
        try {
            List<Channel> channels = connect(clients, port, GROUPS * SIZE, received);
            List<BenchCore.Subscribed> members = core.subscribed;
            DeliveryBatching batching = batched ? ChatEdgeServer.DELIVERY_BATCHING : DeliveryBatching.NONE;
            byte[] body = ("{\"id\":\"1234567890123456789\",\"conversationId\":\"" + UUID.randomUUID()
                    + "\",\"senderId\":\"" + UUID.randomUUID() + "\",\"clientMessageId\":\"c-123456\",\"text\":\""
                    + "x".repeat(90) + "\"}").getBytes(StandardCharsets.UTF_8);

            fanOut(members, batching, body, 5, new long[2]); // warm-up
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] before = cpu(threads);
            long receivedBefore = received.get();
            long[] fanoutCpu = new long[2];
            long deliveries = fanOut(members, batching, body, seconds, fanoutCpu);
            long[] after = cpu(threads);
            after[1] = fanoutCpu[0];
            after[3] = fanoutCpu[1];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.get() - receivedBefore < deliveries && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double edgeUs = (after[0] - before[0]) / 1000.0 / deliveries;
            double fanoutUs = (after[1] - before[1]) / 1000.0 / deliveries;
            double edgeUserUs = (after[2] - before[2]) / 1000.0 / deliveries;
            double fanoutUserUs = (after[3] - before[3]) / 1000.0 / deliveries;
            System.out.printf("round %d %-8s loops=%d batched=%-5s deliveries %,d (received %,d): %.2f us/delivery"
                            + " = event loops %.2f (user %.2f, kernel %.2f) + fan-out thread %.2f (user %.2f, kernel %.2f)%n",
                    round, transport.wireName(), Integer.getInteger("bench.ioThreads", 0), batched, deliveries, received.get() - receivedBefore,
                    edgeUs + fanoutUs, edgeUs, edgeUserUs, edgeUs - edgeUserUs, fanoutUs, fanoutUserUs,
                    fanoutUs - fanoutUserUs);
            for (Channel c : channels) {
                c.close();
            }
        } finally {
            edge.stop();
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * Delivers MESSAGES_PER_SECOND messages per second for {@code seconds}, round-robin over the groups.
     * {@code cpu} receives the fan-out thread's own CPU and user nanoseconds.
     */
    private static long fanOut(List<BenchCore.Subscribed> members, DeliveryBatching batching, byte[] body, int seconds,
            long[] cpu) throws InterruptedException {
        PacedFanOut.Cpu used = PacedFanOut.run(seconds, MESSAGES_PER_SECOND, m -> {
            int group = m % GROUPS;
            ServerFrame frame = ServerFrame.message("/user/events", Long.toString(m), body,
                    "event-type", "message", "conversation-id", "c-" + group);
            batching.deliverAll(() -> {
                for (int i = group * SIZE; i < (group + 1) * SIZE; i++) {
                    BenchCore.Subscribed s = members.get(i);
                    s.connection().deliver(s.subscriptionId(), frame);
                }
            });
        });
        cpu[0] = used.total();
        cpu[1] = used.user();
        return (long) seconds * MESSAGES_PER_SECOND * SIZE;
    }

    /** CPU nanoseconds: {event loops total, fan-out total, event loops user, fan-out user}. */
    private static long[] cpu(ThreadMXBean threads) {
        long[] out = new long[4];
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            int slot = t.getName().startsWith("chat-edge-") ? 0 : t.getName().equals(PacedFanOut.THREAD_NAME) ? 1 : -1;
            if (slot >= 0) {
                out[slot] += Math.max(0, threads.getThreadCpuTime(t.getId()));
                out[slot + 2] += Math.max(0, threads.getThreadUserTime(t.getId()));
            }
        }
        return out;
    }

    private static List<Channel> connect(EventLoopGroup group, int port, int n, AtomicLong received) throws Exception {
        TokenSigner tokens = new TokenSigner(KEY, Clock.systemUTC(), Duration.ofHours(2));
        CountDownLatch subscribed = new CountDownLatch(n);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/stomp");
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String token = tokens.issue(UUID.randomUUID(), UUID.randomUUID(), Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofHours(1));
            Bootstrap b = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .handler(BenchStompClient.initializer(uri, token, "0,0", (ctx, text) -> {
                        if (text.startsWith("CONNECTED")) {
                            BenchStompClient.send(ctx, "SUBSCRIBE\nid:sub-0\ndestination:/user/events\nreceipt:s\n\n\0");
                        } else if (text.startsWith("RECEIPT")) {
                            subscribed.countDown();
                        } else if (text.startsWith("MESSAGE")) {
                            received.incrementAndGet();
                        }
                    }));
            channels.add(b.connect("127.0.0.1", port).sync().channel());
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (n - subscribed.getCount()) + " of " + n + " subscribed");
        }
        return channels;
    }

    /** Records each connection's subscription, in subscription order; answers receipts. */
    static final class BenchCore implements ChatCore {
        record Subscribed(Connection connection, String subscriptionId) {}

        final List<Subscribed> subscribed = new CopyOnWriteArrayList<>();

        @Override
        public SessionHandler open(Connection connection) {
            return new SessionHandler() {
                @Override
                public void onFrame(ClientFrame frame) {
                    subscribed.add(new Subscribed(connection, frame.header("id")));
                    String receipt = frame.header("receipt");
                    if (receipt != null) {
                        connection.send(ServerFrame.receipt(receipt));
                    }
                }

                @Override
                public void onClose() {
                    // nothing kept per connection
                }
            };
        }
    }
}
