package nl.klaslijn.chat.edge.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under {@link GroupDeliveryBench}: what delivering one ready frame to each member of a group costs
 * a Netty server on this machine with no protocol at all. No HTTP, WebSocket, STOMP, sessions or
 * subscriptions: 20 groups x 30 accepted epoll connections, and a "fan-out" thread that, 100 times a second,
 * hands one pre-built 330-byte buffer (the size of a chat MESSAGE frame) to the 30 channels of a group. The
 * client (one epoll thread of its own, not counted) reads and discards everything.
 *
 * <p>Two ways of handing over, both what a real server could do: {@code per-write} calls
 * {@code writeAndFlush} from the fan-out thread for each channel (Netty posts one task per write);
 * {@code per-loop} posts one task per event loop that writes and flushes all of that loop's channels of
 * the group (what the chat edge's {@code LoopMailbox} does). Server CPU = the server event loops' and the
 * fan-out thread's CPU time (ThreadMXBean), divided by the deliveries. {@code -Dbench.ioThreads=N} sets the
 * server's event loops (default: Netty's, twice the cores).
 *
 * <pre>
 * ./mvnw -q -o -pl chat-server test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
 *     -Dio.netty.leakDetection.level=disabled \
 *     -cp chat-server/target/test-classes:chat-server/target/classes:$(cat chat-server/target/bench.classpath) \
 *     nl.klaslijn.chat.edge.bench.RawNettyFloorBench [seconds] [rounds]
 * </pre>
 */
public final class RawNettyFloorBench {

    private static final int GROUPS = 20;
    private static final int SIZE = 30;
    private static final int MESSAGES_PER_SECOND = 100;
    private static final int FRAME_BYTES = 330;

    private RawNettyFloorBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        for (int round = 1; round <= rounds; round++) {
            for (boolean perLoop : new boolean[] {false, true}) {
                run(round, perLoop, seconds);
            }
        }
    }

    private static void run(int round, boolean perLoop, int seconds) throws Exception {
        int ioThreads = Integer.getInteger("bench.ioThreads", 0);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory("floor-loop"), EpollIoHandler.newFactory());
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        List<Channel> accepted = new CopyOnWriteArrayList<>();
        AtomicLong receivedBytes = new AtomicLong();
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new Discard(null));
                            accepted.add(ch);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
            List<Channel> connected = new ArrayList<>();
            for (int i = 0; i < GROUPS * SIZE; i++) {
                connected.add(new Bootstrap().group(clients).channel(EpollSocketChannel.class)
                        .handler(new Discard(receivedBytes)).connect("127.0.0.1", port).sync().channel());
            }
            while (accepted.size() < GROUPS * SIZE) {
                Thread.sleep(10);
            }
            ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.directBuffer(FRAME_BYTES).writeZero(FRAME_BYTES));

            fanOut(accepted, frame, perLoop, 5, new long[1]); // warm-up
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long loopsBefore = loopCpu(threads);
            long bytesBefore = receivedBytes.get();
            long[] fanoutCpu = new long[1];
            long deliveries = fanOut(accepted, frame, perLoop, seconds, fanoutCpu);
            long loopsAfter = loopCpu(threads);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (receivedBytes.get() - bytesBefore < deliveries * FRAME_BYTES && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double loopsUs = (loopsAfter - loopsBefore) / 1000.0 / deliveries;
            double fanoutUs = fanoutCpu[0] / 1000.0 / deliveries;
            System.out.printf("round %d %-9s loops=%d deliveries %,d (received %,d): %.2f us/delivery = event loops %.2f"
                            + " + fan-out thread %.2f%n", round, perLoop ? "per-loop" : "per-write", ioThreads,
                    deliveries, (receivedBytes.get() - bytesBefore) / FRAME_BYTES, loopsUs + fanoutUs, loopsUs, fanoutUs);
            for (Channel c : connected) {
                c.close().sync();
            }
            server.close().sync();
        } finally {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** MESSAGES_PER_SECOND group messages per second for {@code seconds}; {@code cpu[0]} gets the fan-out thread's CPU. */
    private static long fanOut(List<Channel> channels, ByteBuf frame, boolean perLoop, int seconds, long[] cpu)
            throws InterruptedException {
        PacedFanOut.Cpu used = PacedFanOut.run(seconds, MESSAGES_PER_SECOND, m -> {
            List<Channel> group = channels.subList((m % GROUPS) * SIZE, (m % GROUPS + 1) * SIZE);
            if (perLoop) {
                Map<EventLoop, List<Channel>> byLoop = new LinkedHashMap<>();
                for (Channel c : group) {
                    byLoop.computeIfAbsent(c.eventLoop(), loop -> new ArrayList<>()).add(c);
                }
                byLoop.forEach((loop, members) -> loop.execute(() -> {
                    for (Channel c : members) {
                        c.writeAndFlush(frame.duplicate(), c.voidPromise());
                    }
                }));
            } else {
                for (Channel c : group) {
                    c.writeAndFlush(frame.duplicate(), c.voidPromise());
                }
            }
        });
        cpu[0] = used.total();
        return (long) seconds * MESSAGES_PER_SECOND * SIZE;
    }

    private static long loopCpu(ThreadMXBean threads) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("floor-loop-")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    /** Reads and drops everything; counts the bytes if given a counter. */
    private static final class Discard extends ChannelInboundHandlerAdapter {
        private final AtomicLong bytes;

        Discard(AtomicLong bytes) {
            this.bytes = bytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (bytes != null) {
                bytes.addAndGet(((ByteBuf) msg).readableBytes());
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
