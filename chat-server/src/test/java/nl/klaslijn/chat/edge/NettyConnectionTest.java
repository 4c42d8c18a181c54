package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.core.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class NettyConnectionTest {

    private StompChannel stomp = new StompChannel();

    @AfterEach
    void close() {
        stomp.close();
    }

    private Connection connected(String heartBeat) {
        stomp.connect("heart-beat", heartBeat);
        return stomp.core.opened.get(0);
    }

    private static ServerFrame message(int size) {
        return ServerFrame.message("/c/1", "1", "x".repeat(size).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A NettyConnection on a real event loop (EmbeddedChannel runs pending tasks after every write, which
     * hides coalescing): a local channel whose pipeline is a recorder of flushed messages and the dispatch
     * handler, where the flush gets scheduled.
     */
    private static final class OnRealLoop implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        final List<Object> pending = new ArrayList<>();
        final List<Object> flushed = new CopyOnWriteArrayList<>();
        final AtomicInteger flushes = new AtomicInteger();
        final ConnectionTimers timers = new ConnectionTimers(StompChannel.SETTINGS);
        final Channel server;
        final Channel client;
        final NettyConnection connection;

        OnRealLoop() throws Exception {
            LocalAddress address = new LocalAddress("edge-" + System.nanoTime());
            server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
            client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelOutboundHandlerAdapter() {
                        @Override
                        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                            pending.add(msg);
                            promise.setSuccess();
                        }

                        @Override
                        public void flush(ChannelHandlerContext ctx) {
                            flushes.incrementAndGet();
                            pending.forEach(ReferenceCountUtil::release);
                            flushed.addAll(pending);
                            pending.clear();
                        }
                    }).connect(address).sync().channel();
            connection = client.eventLoop().submit(() -> new NettyConnection(client,
                    TestTokens.TOKENS.verify(TestTokens.valid(UUID.randomUUID()), nl.klaslijn.common.auth.TokenAudience.CHAT),
                    timers.forLoop(client.eventLoop()), 1 << 20, 0, 0)).get();
            client.pipeline().addLast(new StompDispatchHandler(connection, new TokenBucket(10, 10, 0), 10, 10));
        }

        void drain() throws Exception {
            for (int i = 0; i < 3; i++) {
                client.eventLoop().submit(() -> { }).sync();
            }
        }

        @Override
        public void close() throws Exception {
            timers.stop();
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
        }
    }

    @Test
    void coalescesDeliveriesIntoOneFlushPerLoopTurn() throws Exception {
        try (OnRealLoop loop = new OnRealLoop()) {
            loop.client.eventLoop().submit(() -> {
                loop.connection.deliver("a", message(10));
                loop.connection.deliver("b", message(10));
                loop.connection.send(ServerFrame.receipt("r"));
            }).sync();
            loop.drain();
            assertThat(loop.flushed).hasSize(3);
            assertThat(loop.flushes).hasValue(1);
        }
    }

    @Test
    void coalescesDeliveriesFromAnotherThreadQueuedInOneTurn() throws Exception {
        try (OnRealLoop loop = new OnRealLoop()) {
            CountDownLatch gate = new CountDownLatch(1);
            loop.client.eventLoop().execute(() -> awaitQuietly(gate)); // the loop is busy meanwhile
            loop.connection.deliver("a", message(10));
            loop.connection.deliver("b", message(10));
            loop.connection.deliver("c", message(10));
            gate.countDown();
            loop.drain();
            assertThat(loop.flushed).hasSize(3);
            assertThat(loop.flushes).hasValue(1);
        }
    }

    @Test
    void flushesAWriteQueuedWhileTheFlushTaskWasPending() throws Exception {
        try (OnRealLoop loop = new OnRealLoop()) {
            CountDownLatch firstWritten = new CountDownLatch(1);
            CountDownLatch secondQueued = new CountDownLatch(1);
            loop.client.eventLoop().execute(() -> {
                loop.connection.deliver("a", message(10)); // on the loop: the flush task is now queued
                firstWritten.countDown();
                awaitQuietly(secondQueued);
            });
            firstWritten.await();
            loop.connection.deliver("b", message(10)); // queued behind that flush task
            secondQueued.countDown();
            loop.drain();
            assertThat(loop.flushed).hasSize(2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds back flushes, as a client that stops reading does, until opened. */
    private static final class FlushGate extends ChannelOutboundHandlerAdapter {
        private boolean open;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (open) {
                ctx.flush();
            }
        }

        void open(Channel channel) {
            open = true;
            channel.flush();
        }
    }

    @Test
    void closesWithSlowConsumerInsteadOfWritingAFrameThatWouldPassTheCap() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder()
                .writeBufferLowWaterMark(1024).writeBufferHighWaterMark(2048).maxPendingOutboundBytes(8192).build());
        Connection connection = connected("0,0");
        // The client reads nothing: flushes never get through, everything stays pending.
        FlushGate gate = new FlushGate();
        stomp.channel.pipeline().addFirst(gate);
        NettyConnection netty = (NettyConnection) connection;
        int written = 0;
        while (connection.isOpen() && written < 100) {
            connection.deliver("s", message(1000));
            if (connection.isOpen()) {
                written++;
            }
            assertThat(netty.pendingOutboundBytes()).as("pending bytes never pass the cap").isLessThanOrEqualTo(8192);
        }
        assertThat(written).isBetween(6, 8); // ~1.1 KB per MESSAGE plus Netty's per-entry overhead
        connection.deliver("s", message(1000)); // dropped
        gate.open(stomp.channel);
        for (int i = 0; i < written; i++) {
            assertThat(stomp.read().command()).isEqualTo("MESSAGE");
        }
        stomp.expectErrorAndClose("slow-consumer");
        assertThat(stomp.core.closes).hasValue(1);
    }

    @Test
    void writesOneFrameLargerThanTheCapOntoAnEmptyQueueOnly() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder()
                .writeBufferLowWaterMark(1024).writeBufferHighWaterMark(2048).maxPendingOutboundBytes(8192).build());
        Connection connection = connected("0,0");
        FlushGate gate = new FlushGate();
        stomp.channel.pipeline().addFirst(gate);
        connection.deliver("s", message(20_000)); // a long history page for a reading client
        assertThat(connection.isOpen()).as("nothing was pending: written").isTrue();
        connection.deliver("s", message(100));
        assertThat(connection.isOpen()).as("the next frame finds the queue past the cap").isFalse();
        gate.open(stomp.channel);
        assertThat(stomp.read().body()).hasSize(20_000);
        stomp.expectErrorAndClose("slow-consumer");
    }

    @Test
    void refusesALargeFrameThatWouldPassTheCapThoughThePendingBytesAreBelowIt() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder().maxPendingOutboundBytes(256 * 1024).build());
        Connection connection = connected("0,0");
        FlushGate gate = new FlushGate();
        stomp.channel.pipeline().addFirst(gate);
        NettyConnection netty = (NettyConnection) connection;
        while (netty.pendingOutboundBytes() < 250_000) {
            connection.deliver("s", message(5_000));
        }
        assertThat(connection.isOpen()).as("250 KB queued of a 256 KiB cap: still open").isTrue();
        connection.deliver("s", message(60_000));
        assertThat(connection.isOpen()).as("a 60 KB frame would pass the cap").isFalse();
        assertThat(netty.pendingOutboundBytes() - 250_000).as("the 60 KB frame was not queued").isLessThan(10_000);
        gate.open(stomp.channel);
        StompText.Frame last = null;
        for (StompText.Frame f = stomp.read(); ; f = stomp.read()) {
            assertThat(f.body().length()).as("no 60 KB MESSAGE").isLessThan(10_000);
            if (f.command().equals("ERROR")) {
                last = f;
                break;
            }
        }
        assertThat(last.header("error-code")).isEqualTo("slow-consumer");
    }

    @Test
    void sendsServerHeartbeatsAtTheNegotiatedInterval() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder().serverHeartbeat(Duration.ofSeconds(1)).build());
        connected("0,2000"); // the client wants one every 2 s; we can do 1 s: max is 2 s
        stomp.advance(Duration.ofMillis(1500));
        assertThat(stomp.readRaw()).isNull();
        stomp.advance(Duration.ofMillis(600));
        TextWebSocketFrame beat = (TextWebSocketFrame) stomp.readRaw();
        assertThat(beat.text()).isEqualTo("\n");
        beat.release();
    }

    @Test
    void skipsHeartbeatsWhileOtherFramesFlow() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder().serverHeartbeat(Duration.ofSeconds(1)).build());
        Connection connection = connected("0,1000");
        for (int i = 0; i < 5; i++) {
            stomp.advance(Duration.ofMillis(500));
            connection.send(ServerFrame.receipt("r" + i));
            stomp.channel.runPendingTasks();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(stomp.read().command()).isEqualTo("RECEIPT");
        }
        assertThat(stomp.readRaw()).isNull();
    }

    @Test
    void closesWithIdleTimeoutWhenClientHeartbeatsStop() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder().clientHeartbeat(Duration.ofSeconds(1)).build());
        connected("500,0"); // the client sends every 500 ms; we accept every 1 s: expect one per second
        for (int i = 0; i < 10; i++) {
            stomp.advance(Duration.ofMillis(900));
            stomp.send("\n");
        }
        assertThat(stomp.channel.isOpen()).isTrue();
        stomp.advance(Duration.ofMillis(2200));
        stomp.expectErrorAndClose("idle-timeout");
        assertThat(stomp.core.closes).hasValue(1);
    }

    @Test
    void pingsThenClosesSilentConnectionsWithoutHeartbeats() {
        stomp.close();
        stomp = new StompChannel(StompChannel.SETTINGS.toBuilder().idleTimeout(Duration.ofSeconds(10)).build());
        connected("0,0");
        stomp.advance(Duration.ofMillis(5100));
        PingWebSocketFrame ping = (PingWebSocketFrame) stomp.readRaw();
        ping.release();
        stomp.channel.writeInbound(new PongWebSocketFrame()); // a live client answers: counts as a read
        stomp.advance(Duration.ofMillis(9000));
        assertThat(stomp.channel.isOpen()).isTrue();
        Object second = stomp.readRaw();
        assertThat(second).isInstanceOf(PingWebSocketFrame.class);
        ((PingWebSocketFrame) second).release();
        stomp.advance(Duration.ofMillis(6200)); // no answer this time: one more ping, then the close
        Object third = stomp.readRaw();
        assertThat(third).isInstanceOf(PingWebSocketFrame.class);
        ((PingWebSocketFrame) third).release();
        stomp.expectErrorAndClose("idle-timeout");
    }

    @Test
    void idsAreUniquePerConnection() {
        Connection first = connected("0,0");
        StompChannel other = new StompChannel();
        try {
            other.connect();
            assertThat(other.core.opened.get(0).id()).isNotEqualTo(first.id());
        } finally {
            other.close();
        }
    }
}
