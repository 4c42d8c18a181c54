package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * WebSocket messages in, STOMP frames out: each text message becomes a {@code ClientFrame} or
 * {@link StompParser#HEARTBEAT}; pings and pongs count as heart-beats too. A frame that breaks the protocol
 * travels on as a {@link StompException} through {@code exceptionCaught}, so the handler that owns the
 * connection's state (auth or dispatch) answers it. Binary messages are refused with close 1003, and a
 * message over the size limit gets ERROR {@code frame-too-large} before the WebSocket layer closes with 1009.
 * Stateless, so one instance serves every channel.
 */
@Sharable
final class StompDecoder extends ChannelInboundHandlerAdapter {

    private final StompParser parser;
    private final String tooLargeMessage;

    StompDecoder(EdgeSettings settings) {
        this.parser = new StompParser(settings.maxHeaders(), settings.maxHeaderLineBytes());
        this.tooLargeMessage = "frame larger than " + settings.maxFrameBytes() + " bytes";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame text) {
            Object frame;
            try {
                frame = parser.parse(text.content());
            } catch (StompException e) {
                ctx.fireExceptionCaught(e);
                return;
            } finally {
                text.release();
            }
            ctx.fireChannelRead(frame);
        } else if (msg instanceof BinaryWebSocketFrame binary) {
            binary.release();
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(),
                    "STOMP frames must be text messages"));
        } else if (msg == WebSocketFrameHandler.KEEPALIVE) {
            ctx.fireChannelRead(StompParser.HEARTBEAT);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketFrameHandler.MESSAGE_TOO_LARGE) {
            ServerFrame error = ServerFrame.error(ErrorCode.FRAME_TOO_LARGE, tooLargeMessage, null);
            ctx.writeAndFlush(new TextWebSocketFrame(StompEncoder.frame(ctx.alloc(), error)));
        }
        ctx.fireUserEventTriggered(event);
    }
}
