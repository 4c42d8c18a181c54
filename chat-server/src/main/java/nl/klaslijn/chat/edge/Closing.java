package nl.klaslijn.chat.edge;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;
import org.jspecify.annotations.Nullable;

/**
 * How a STOMP connection ends: an ERROR frame (STOMP 1.2: the server closes after ERROR), then a WebSocket
 * close frame whose reason is the error code's wire name. {@link WebSocketFrameHandler} closes the TCP
 * connection once the close frame is written, or after the close grace. Safe from any thread.
 */
final class Closing {

    private Closing() {}

    static void withError(Channel channel, ErrorCode code, String message, @Nullable String receiptId) {
        ServerFrame error = ServerFrame.error(code, message, receiptId);
        channel.write(new TextWebSocketFrame(StompEncoder.frame(channel.alloc(), error)), channel.voidPromise());
        channel.writeAndFlush(new CloseWebSocketFrame(webSocketStatus(code), code.wireName()), channel.voidPromise());
    }

    /** A normal end (DISCONNECT): close 1000, after whatever was written before. */
    static void normally(Channel channel) {
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE.code(), "disconnect"),
                channel.voidPromise());
    }

    /** The WebSocket close code that goes with an error: 1008 (policy) unless a more precise one exists. */
    static int webSocketStatus(ErrorCode code) {
        return switch (code) {
            case SHUTTING_DOWN -> WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(); // 1001 going away
            case FRAME_TOO_LARGE -> WebSocketCloseStatus.MESSAGE_TOO_BIG.code(); // 1009
            case INTERNAL -> WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(); // 1011
            case STORAGE_UNAVAILABLE, NODE_UNAVAILABLE -> WebSocketCloseStatus.TRY_AGAIN_LATER.code(); // 1013
            default -> WebSocketCloseStatus.POLICY_VIOLATION.code(); // 1008
        };
    }
}
