package nl.klaslijn.chat.edge;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.chat.core.DeliveryBatching;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import nl.klaslijn.common.auth.TokenVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server's network edge: STOMP 1.2 over WebSocket, plus plain HTTP for {@link HttpEndpoints}, on
 * one port. Uses epoll when available, else NIO. The pipeline is described in {@link EdgeInitializer}.
 *
 * <pre>{@code
 * var server = new ChatEdgeServer(EdgeSettings.builder().port(0).build(), core, tokenVerifier, endpoints);
 * int port = server.start();
 * ...
 * server.stop();
 * }</pre>
 */
public final class ChatEdgeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatEdgeServer.class);

    private final EdgeSettings settings;
    private final WebSocketApplication application;
    private final @Nullable ConnectionTimers timers;
    private final @Nullable HttpEndpoints endpoints;
    private final boolean daemonThreads;
    private final boolean webSocket;
    private @Nullable EventLoopGroup group;
    private @Nullable Channel serverChannel;

    /**
     * @param endpoints plain HTTP requests on this port (the chat server's: {@code /health} only); null answers them
     *     all with 404
     */
    public ChatEdgeServer(EdgeSettings settings, ChatCore core, TokenVerifier tokens, @Nullable HttpEndpoints endpoints) {
        this(settings, core, tokens, endpoints, java.time.Clock.systemUTC());
    }

    /**
     * @param clock wall clock against which live sessions' token expiry is checked (on each timer tick)
     */
    public ChatEdgeServer(EdgeSettings settings, ChatCore core, TokenVerifier tokens, @Nullable HttpEndpoints endpoints,
            java.time.Clock clock) {
        this.settings = settings;
        StompApplication stomp = new StompApplication(settings, core, tokens, clock);
        this.application = stomp;
        this.timers = stomp.timers();
        this.endpoints = endpoints;
        this.daemonThreads = false;
        this.webSocket = true;
    }

    /**
     * An edge that serves {@code endpoints} over plain HTTP only: no path upgrades to WebSocket. The chat server's
     * internal API listens on one of these, on its own (loopback by default) address.
     */
    public static ChatEdgeServer httpOnly(EdgeSettings settings, HttpEndpoints endpoints) {
        return new ChatEdgeServer(settings, endpoints);
    }

    private ChatEdgeServer(EdgeSettings settings, HttpEndpoints endpoints) {
        this.settings = settings;
        this.application = pipeline -> {
            throw new IllegalStateException("an HTTP-only edge never upgrades to WebSocket");
        };
        this.timers = null;
        this.endpoints = endpoints;
        this.daemonThreads = false;
        this.webSocket = false;
    }

    /** The same edge with another application above the WebSocket layer (the Autobahn echo). */
    ChatEdgeServer(EdgeSettings settings, WebSocketApplication application, boolean daemonThreads) {
        this.settings = settings;
        this.application = application;
        this.timers = null;
        this.endpoints = null;
        this.daemonThreads = daemonThreads;
        this.webSocket = true;
    }

    /**
     * The edge's {@link DeliveryBatching}: frames delivered from a non-I/O thread inside
     * {@link DeliveryBatching#deliverAll} wake each event loop once, when it returns (see {@link LoopMailbox}).
     */
    public static final DeliveryBatching DELIVERY_BATCHING = LoopMailbox::batched;

    /** Binds and returns the bound port (useful with port 0). */
    public synchronized int start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        EdgeTransport transport = settings.transport().resolve();
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
                new DefaultThreadFactory("chat-edge", daemonThreads), transport.ioHandlerFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(g)
                    .channel(transport.serverChannelType())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            settings.writeBufferLowWaterMark(), settings.writeBufferHighWaterMark()))
                    .childHandler(new EdgeInitializer(settings, endpoints, webSocket ? application : null));
            Channel ch = bootstrap.bind(settings.host(), settings.port()).sync().channel();
            group = g;
            serverChannel = ch;
            int port = ((InetSocketAddress) ch.localAddress()).getPort();
            if (webSocket) {
                log.info("chat edge listening on {}:{} ({}), WebSocket path {}", settings.host(), port,
                        transport.wireName(), settings.webSocketPath());
            } else {
                log.info("chat internal API listening on {}:{} ({}), HTTP only", settings.host(), port,
                        transport.wireName());
            }
            return port;
        } catch (InterruptedException | RuntimeException e) {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound port, or -1 when not started. */
    public synchronized int port() {
        return serverChannel == null ? -1 : ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Stops accepting, tells every STOMP client ERROR {@code shutting-down} (WebSocket close 1001), waits for
     * them to go (bounded by {@link EdgeSettings#shutdownTimeout()}), then closes what is left.
     */
    public synchronized void stop() {
        EventLoopGroup g = group;
        if (g == null) {
            return;
        }
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(settings.shutdownTimeout().toMillis());
        }
        if (timers != null) {
            timers.closeAll(ErrorCode.SHUTTING_DOWN, "server shutting down");
            while (timers.connectionCount() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            timers.stop();
        }
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        g.shutdownGracefully(0, left, TimeUnit.MILLISECONDS).awaitUninterruptibly(left + 1000);
        group = null;
        serverChannel = null;
        log.info("chat edge stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
