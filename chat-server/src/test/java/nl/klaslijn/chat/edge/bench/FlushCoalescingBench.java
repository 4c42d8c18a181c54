package nl.klaslijn.chat.edge.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Which way of coalescing flushes for writes from a foreign thread (the chat core's fan-out) costs less
 * CPU: (a) what {@code NettyConnection} does, write without flush and, on the event loop, schedule one
 * flush task per burst (the last handler's {@code write} does it, as {@code StompDispatchHandler} does); (b) {@code writeAndFlush} through Netty's {@link FlushConsolidationHandler}. Real epoll
 * sockets on loopback, a client that reads and discards. Prints wall and process CPU time per message.
 * Memory is not measured here: (b) costs a handler, its context and a task object per connection.
 *
 * <pre>java -cp (as for IdleConnectionMemory) nl.klaslijn.chat.edge.bench.FlushCoalescingBench [connections] [messages]</pre>
 * Measured on the 2-core dev machine, JDK 25, after the first (warm-up) round: 1.47 and 1.47 µs CPU per
 * message for (a), 1.41 and 1.44 for (b): no difference beyond noise, so the edge keeps (a), which needs
 * no handler per connection.
 */
public final class FlushCoalescingBench {

    private FlushCoalescingBench() {}

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        for (int round = 0; round < 3; round++) {
            for (boolean consolidationHandler : new boolean[] {false, true}) {
                run(connections, messages, consolidationHandler);
            }
        }
    }

    private static void run(int connections, int messages, boolean consolidationHandler) throws Exception {
        EventLoopGroup server = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup client = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            List<Channel> accepted = new CopyOnWriteArrayList<>();
            Channel listener = new ServerBootstrap().group(server).channel(EpollServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            if (consolidationHandler) {
                                ch.pipeline().addLast(new FlushConsolidationHandler(256, true));
                            } else {
                                ch.pipeline().addLast(new FlushOnLoop());
                            }
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    // writes still queued when the bench closes the connections fail: expected
                                }
                            });
                            accepted.add(ch);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            Bootstrap b = new Bootstrap().group(client).channel(EpollSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ReferenceCountUtil.release(msg);
                        }

                        @Override
                        public boolean isSharable() {
                            return true;
                        }
                    });
            for (int i = 0; i < connections; i++) {
                b.connect(listener.localAddress()).sync();
            }
            while (accepted.size() < connections) {
                Thread.sleep(10);
            }
            Channel[] channels = accepted.toArray(Channel[]::new);
            byte[] payload = new byte[200];

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int sent = 0; sent < messages; ) {
                for (int c = 0; c < channels.length && sent < messages; c++, sent++) {
                    Channel ch = channels[c];
                    if (consolidationHandler) {
                        ch.writeAndFlush(Unpooled.wrappedBuffer(payload), ch.voidPromise());
                    } else {
                        ch.write(Unpooled.wrappedBuffer(payload), ch.voidPromise());
                    }
                }
                if (sent % (connections * 50) == 0) {
                    server.next().submit(() -> { }).sync(); // bound the queue
                }
            }
            server.next().submit(() -> { }).sync();
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            int flushes = 0;
            for (Channel ch : channels) {
                FlushOnLoop f = ch.pipeline().get(FlushOnLoop.class);
                flushes += f == null ? 0 : f.flushes;
            }
            System.out.printf("%-26s %,d messages to %d connections: %.0f ns wall, %.0f ns CPU per message%s%n",
                    consolidationHandler ? "FlushConsolidationHandler" : "write + scheduled flush", messages,
                    connections, (double) wall / messages, (double) cpu / messages,
                    consolidationHandler ? "" : String.format(", %,d flushes", flushes));
            listener.close().sync();
        } finally {
            server.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            client.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** NettyConnection's scheme, reduced: on the loop, the first write after a flush schedules one flush. */
    private static final class FlushOnLoop extends ChannelDuplexHandler implements Runnable {
        private ChannelHandlerContext ctx;
        private boolean scheduled;
        int flushes;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            if (!scheduled) {
                scheduled = true;
                ctx.executor().execute(this);
            }
        }

        @Override
        public void run() {
            scheduled = false;
            flushes++;
            ctx.flush();
        }
    }
}
