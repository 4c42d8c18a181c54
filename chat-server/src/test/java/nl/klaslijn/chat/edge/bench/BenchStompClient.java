package nl.klaslijn.chat.edge.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.function.BiConsumer;

/**
 * The Netty client the edge benchmarks connect with: the WebSocket handshake ({@code v12.stomp}, no Origin, as a
 * native app sends), then CONNECT with the token; every text frame the server sends after that goes to
 * {@code onFrame} (the client answers CONNECTED with its SUBSCRIBE there).
 */
final class BenchStompClient {

    private BenchStompClient() {}

    static ChannelInitializer<Channel> initializer(URI uri, String token, String heartBeat,
            BiConsumer<ChannelHandlerContext, String> onFrame) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                WebSocketVersion.V13, "v12.stomp", false, new DefaultHttpHeaders(), 65536,
                                true, false, 10_000, false, false)),
                        new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                    ctx.writeAndFlush(new TextWebSocketFrame("CONNECT\naccept-version:1.2\nheart-beat:"
                                            + heartBeat + "\nAuthorization:Bearer " + token + "\n\n\0"));
                                }
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                onFrame.accept(ctx, frame.text());
                            }
                        });
            }
        };
    }

    /** Sends a STOMP frame given as text. */
    static void send(ChannelHandlerContext ctx, String stompText) {
        ctx.writeAndFlush(new TextWebSocketFrame(stompText));
    }
}
