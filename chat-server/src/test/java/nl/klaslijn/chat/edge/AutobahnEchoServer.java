package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The edge's HTTP and WebSocket layers (the same {@link EdgeInitializer}, handshake and
 * {@link WebSocketFrameHandler} as production) with an echo in place of STOMP, for the Autobahn fuzzing
 * client. The autobahntestsuite-maven-plugin calls {@code main(port)} on a thread inside Maven's JVM and
 * connects to {@code InetAddress.getLocalHost()}, so that is where this binds; its event loop threads are
 * daemons so Maven can exit.
 */
public final class AutobahnEchoServer {

    private AutobahnEchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        EdgeSettings settings = EdgeSettings.builder()
                .host(localHost())
                .port(port)
                .webSocketPath("/")
                .allowedOrigins(List.of("*"))
                .ioThreads(1)
                .build();
        new ChatEdgeServer(settings, new EchoApplication(), true).start();
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** Echoes every complete text and binary message. */
    static final class EchoApplication implements WebSocketApplication {
        private static final Echo ECHO = new Echo();

        @Override
        public void install(ChannelPipeline pipeline) {
            pipeline.addLast("echo", ECHO);
        }
    }

    @Sharable
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
