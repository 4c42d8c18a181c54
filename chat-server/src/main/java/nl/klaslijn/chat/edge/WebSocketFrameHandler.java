package nl.klaslijn.chat.edge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket message layer above Netty's frame decoder/encoder, the same for STOMP and for the
 * Autobahn echo server. Inbound it:
 * <ul>
 *   <li>passes up complete messages only: a {@link TextWebSocketFrame} or {@link BinaryWebSocketFrame} with
 *       the final flag, fragments aggregated up to {@code maxMessageBytes};</li>
 *   <li>validates text as UTF-8 while fragments arrive (close 1007 on the first impossible byte);</li>
 *   <li>passes {@link #KEEPALIVE} up for pings and pongs (the peer is alive; the application counts them
 *       toward its inbound rate limit), then answers a ping with a pong, unless the pong would take the
 *       connection's pending outbound bytes past {@code maxPendingOutboundBytes}: a peer that pings without
 *       reading is then closed (1008 {@code slow-consumer}, after {@link #OUTBOUND_FULL} went up so the
 *       application can close it its own way first);</li>
 *   <li>answers a close frame with a close frame carrying the same code, then closes the TCP connection;
 *       rejects close codes RFC 6455 does not allow with 1002;</li>
 *   <li>turns the decoder's protocol violations into close 1002 (1007 for bad UTF-8, 1009 for size).</li>
 * </ul>
 * Outbound it makes sure at most one close frame is ever sent, drops data frames written after it, and
 * closes the connection once the close frame is written, or after the close grace at the latest (a client
 * that does not read never lets the write complete).
 *
 * <p>When a message is too large it fires {@link #MESSAGE_TOO_LARGE} up before closing with 1009, so the
 * application can write its own error first. State is kept only while a fragmented message is open.
 */
final class WebSocketFrameHandler extends ChannelDuplexHandler {

    /** Passed up for every ping and pong the peer sends. Not reference counted. */
    static final Object KEEPALIVE = new Marker("KEEPALIVE");
    /** User event fired up just before the connection is closed with 1009. */
    static final Object MESSAGE_TOO_LARGE = new Marker("MESSAGE_TOO_LARGE");
    /** User event fired up when a pong does not fit under the outbound cap; the connection is then closed. */
    static final Object OUTBOUND_FULL = new Marker("OUTBOUND_FULL");
    /** Close reason when a pong does not fit under the outbound cap (the STOMP error code of the same case). */
    static final String SLOW_CONSUMER_REASON = "slow-consumer";
    /** Bytes a pong adds beyond its payload: the largest server frame header of a control frame. */
    private static final int PONG_HEADER_BYTES = 2;

    private static final ClosedChannelException CLOSE_SENT = new StacklessClosedChannelException();

    private final int maxMessageBytes;
    private final long closeGraceMillis;
    private final long maxPendingOutboundBytes;

    private @Nullable ByteBuf partial;
    private boolean partialIsText;
    private int utf8State;
    private boolean closeSent;
    private boolean closeReceived;

    /** Without an outbound cap for pongs (tests of the message layer alone). */
    WebSocketFrameHandler(int maxMessageBytes, long closeGraceMillis) {
        this(maxMessageBytes, closeGraceMillis, Long.MAX_VALUE);
    }

    /** @param maxPendingOutboundBytes a pong is written only while the pending outbound bytes stay within this */
    WebSocketFrameHandler(int maxMessageBytes, long closeGraceMillis, long maxPendingOutboundBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.closeGraceMillis = closeGraceMillis;
        this.maxPendingOutboundBytes = maxPendingOutboundBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closeReceived || (closeSent && !(frame instanceof CloseWebSocketFrame))) {
            frame.release(); // nothing counts after a close frame
            return;
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            startMessage(ctx, frame);
        } else if (frame instanceof ContinuationWebSocketFrame) {
            continueMessage(ctx, frame);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.fireChannelRead(KEEPALIVE); // first, so the application's rate limit sees the ping
            pong(ctx, frame);
        } else if (frame instanceof PongWebSocketFrame) {
            frame.release();
            ctx.fireChannelRead(KEEPALIVE);
        } else if (frame instanceof CloseWebSocketFrame close) {
            onClose(ctx, close);
        } else {
            frame.release();
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "unexpected frame");
        }
    }

    /** Answers a ping, within the outbound cap; the pong takes over the ping's payload. */
    private void pong(ChannelHandlerContext ctx, WebSocketFrame ping) {
        if (closeSent || !ctx.channel().isActive()) {
            ping.release(); // the application closed the connection (e.g. rate-limited): no answer
            return;
        }
        long after = pendingOutboundBytes(ctx.channel()) + PONG_HEADER_BYTES + ping.content().readableBytes();
        if (after > maxPendingOutboundBytes) {
            ping.release();
            ctx.fireUserEventTriggered(OUTBOUND_FULL);
            fail(ctx, WebSocketCloseStatus.POLICY_VIOLATION.code(), SLOW_CONSUMER_REASON); // no-op if the application closed
            return;
        }
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
    }

    /** Bytes written to the channel and not yet taken by the socket. */
    static long pendingOutboundBytes(Channel channel) {
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void startMessage(ChannelHandlerContext ctx, WebSocketFrame frame) {
        boolean text = frame instanceof TextWebSocketFrame;
        ByteBuf content = frame.content();
        if (partial != null) {
            frame.release(); // the decoder already rejects this; keep the invariant anyway
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "new message inside a fragmented one");
            return;
        }
        if (content.readableBytes() > maxMessageBytes) {
            frame.release();
            tooLarge(ctx);
            return;
        }
        int state = text ? Utf8Validator.update(Utf8Validator.ACCEPT, content) : Utf8Validator.ACCEPT;
        if (state == Utf8Validator.REJECT || (frame.isFinalFragment() && state != Utf8Validator.ACCEPT)) {
            frame.release();
            fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), "invalid UTF-8");
            return;
        }
        if (frame.isFinalFragment()) {
            ctx.fireChannelRead(frame);
            return;
        }
        ByteBuf aggregate = ctx.alloc().buffer(Math.min(maxMessageBytes, Math.max(256, 2 * content.readableBytes())));
        aggregate.writeBytes(content);
        frame.release();
        partial = aggregate;
        partialIsText = text;
        utf8State = state;
    }

    private void continueMessage(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf aggregate = partial;
        ByteBuf content = frame.content();
        if (aggregate == null) {
            frame.release(); // the decoder already rejects this too
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR.code(), "continuation outside a fragmented message");
            return;
        }
        if (aggregate.readableBytes() + content.readableBytes() > maxMessageBytes) {
            frame.release();
            tooLarge(ctx);
            return;
        }
        if (partialIsText) {
            utf8State = Utf8Validator.update(utf8State, content);
            if (utf8State == Utf8Validator.REJECT
                    || (frame.isFinalFragment() && utf8State != Utf8Validator.ACCEPT)) {
                frame.release();
                fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code(), "invalid UTF-8");
                return;
            }
        }
        aggregate.writeBytes(content);
        boolean last = frame.isFinalFragment();
        frame.release();
        if (last) {
            partial = null;
            ctx.fireChannelRead(partialIsText ? new TextWebSocketFrame(aggregate) : new BinaryWebSocketFrame(aggregate));
        }
    }

    private void onClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        closeReceived = true;
        discardPartial();
        int code = close.statusCode();
        close.release();
        if (closeSent) {
            ctx.close(); // the peer answered our close: done
            return;
        }
        if (code == -1) {
            sendClose(ctx, new CloseWebSocketFrame(true, 0), ctx.newPromise());
        } else if (allowedOnWire(code)) {
            sendClose(ctx, new CloseWebSocketFrame(code, ""), ctx.newPromise());
        } else {
            sendClose(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR.code(), "invalid close code"),
                    ctx.newPromise());
        }
    }

    /** RFC 6455 7.4: codes a peer may send (1004-1006 and 1015 are reserved, 1016-2999 unassigned). */
    static boolean allowedOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            int code = corrupt.closeStatus().code();
            if (code == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                tooLarge(ctx);
            } else {
                // Bad close frames included: their status or reason failed validation, so answer 1002/1007.
                fail(ctx, code == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code() ? code
                        : WebSocketCloseStatus.PROTOCOL_ERROR.code(), reason(corrupt.getMessage()));
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void tooLarge(ChannelHandlerContext ctx) {
        discardPartial();
        if (closeSent) {
            return;
        }
        ctx.fireUserEventTriggered(MESSAGE_TOO_LARGE);
        fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "message larger than " + maxMessageBytes + " bytes");
    }

    private void fail(ChannelHandlerContext ctx, int code, String reason) {
        discardPartial();
        if (!closeSent) {
            sendClose(ctx, new CloseWebSocketFrame(code, reason), ctx.newPromise());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof CloseWebSocketFrame close) {
            if (closeSent) {
                close.release();
                promise.trySuccess(); // already closing; the caller's intent is met
            } else {
                sendClose(ctx, close, promise.unvoid());
            }
        } else if (closeSent && (msg instanceof WebSocketFrame || msg instanceof ByteBuf)) {
            // A ByteBuf here is a complete WebSocket frame encoded by the application (StompEncoder#framedMessage);
            // the WebSocket encoder below passes it through as it is. After our close it is dropped like any frame.
            ReferenceCountUtil.release(msg);
            promise.tryFailure(CLOSE_SENT);
        } else {
            ctx.write(msg, promise);
        }
    }

    private void sendClose(ChannelHandlerContext ctx, CloseWebSocketFrame close, ChannelPromise promise) {
        closeSent = true;
        Channel channel = ctx.channel();
        ctx.writeAndFlush(close, promise);
        promise.addListener(f -> channel.close());
        if (channel.isActive()) {
            ScheduledFuture<?> force =
                    ctx.executor().schedule(() -> channel.close(), closeGraceMillis, TimeUnit.MILLISECONDS);
            channel.closeFuture().addListener(f -> force.cancel(false));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardPartial();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardPartial();
    }

    private void discardPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    private static String reason(@Nullable String message) {
        if (message == null) {
            return "protocol error";
        }
        // A close reason must fit the 125-byte control frame with the 2-byte code; keep it ASCII-safe.
        return message.length() > 100 ? message.substring(0, 100) : message;
    }

    private record Marker(String name) {}

    private static final class StacklessClosedChannelException extends ClosedChannelException {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
