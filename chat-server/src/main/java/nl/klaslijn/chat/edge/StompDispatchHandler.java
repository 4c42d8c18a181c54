package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.SessionHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step for an authenticated connection: SEND (after the rate limit), SUBSCRIBE and UNSUBSCRIBE go
 * to the core's {@link SessionHandler}, once their required headers are present; the transport answers the
 * rest itself. DISCONNECT: RECEIPT if asked, then close. ACK/NACK: accepted as no-ops (we use
 * {@code ack:auto} semantics), RECEIPT if asked. BEGIN/COMMIT/ABORT and a second CONNECT: ERROR
 * {@code unsupported-command}. Every inbound frame or heart-beat marks the connection alive.
 *
 * <p>Outbound, it is the first handler every write from {@link NettyConnection} passes on the event loop,
 * so it is where the connection's coalesced flush gets scheduled ({@link NettyConnection#flushSoon}).
 *
 * <p>Rate limits, two token buckets per connection (docs/protocol.md, "Limits"): every inbound message
 * (any STOMP frame, a heart-beat, a WebSocket ping or pong) takes a token from the generous frame bucket
 * ({@code frameBurst}, refilled at {@code framesPerSecond}, handed over from {@link StompAuthHandler} so frames
 * before CONNECT count too); SEND, SUBSCRIBE and UNSUBSCRIBE, the frames that make the core do work, also take
 * one from the request bucket ({@code sendBurst} at {@code sendsPerSecond}). A frame that finds either
 * bucket empty closes the connection with {@code rate-limited}. The core's {@link SessionHandler#onClose} is
 * called exactly once, when the channel closes.
 *
 * <p>A pong the WebSocket layer could not queue under the outbound cap
 * ({@link WebSocketFrameHandler#OUTBOUND_FULL}) closes the connection as a slow consumer.
 */
final class StompDispatchHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(StompDispatchHandler.class);

    private final NettyConnection connection;
    private final TokenBucket frames;
    private final double requestsPerSecond;
    private final int requestBurst;
    private @Nullable TokenBucket requests;

    /** {@code frames}: the connection's frame bucket, already counting the frames before CONNECT. */
    StompDispatchHandler(NettyConnection connection, TokenBucket frames, double requestsPerSecond, int requestBurst) {
        this.connection = connection;
        this.frames = frames;
        this.requestsPerSecond = requestsPerSecond;
        this.requestBurst = requestBurst;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        requests = new TokenBucket(requestsPerSecond, requestBurst, ctx.executor().ticker().nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.markRead();
        if (!connection.isAccepting()) {
            return; // closing: nothing more is processed
        }
        ClientFrame frame = msg instanceof ClientFrame f ? f : null;
        String receipt = frame == null ? null : frame.header("receipt");
        long now = ctx.executor().ticker().nanoTime();
        if (!frames.take(now)) {
            connection.close(ErrorCode.RATE_LIMITED, "too many frames (heart-beats and pings included)", receipt);
            return;
        }
        if (frame == null) {
            return; // heart-beat, ping or pong: counted, nothing else to do
        }
        switch (frame.command()) {
            case SEND -> {
                if (require(frame, receipt, "destination") && admitRequest(now, frame, receipt)) {
                    toCore(frame);
                }
            }
            case SUBSCRIBE -> {
                if (require(frame, receipt, "destination") && require(frame, receipt, "id")
                        && admitRequest(now, frame, receipt)) {
                    toCore(frame);
                }
            }
            case UNSUBSCRIBE -> {
                if (require(frame, receipt, "id") && admitRequest(now, frame, receipt)) {
                    toCore(frame);
                }
            }
            case ACK, NACK -> {
                if (require(frame, receipt, "id") && receipt != null) {
                    connection.send(ServerFrame.receipt(receipt));
                }
            }
            case DISCONNECT -> connection.disconnect(receipt);
            case BEGIN, COMMIT, ABORT ->
                    connection.close(ErrorCode.UNSUPPORTED_COMMAND, "transactions are not supported", receipt);
            case CONNECT, STOMP -> connection.close(ErrorCode.UNSUPPORTED_COMMAND, "already connected", receipt);
        }
    }

    private boolean require(ClientFrame frame, @Nullable String receipt, String header) {
        if (frame.header(header) == null) {
            connection.close(ErrorCode.MALFORMED_FRAME, frame.command() + " needs a " + header + " header", receipt);
            return false;
        }
        return true;
    }

    private boolean admitRequest(long now, ClientFrame frame, @Nullable String receipt) {
        TokenBucket bucket = requests;
        if (bucket != null && !bucket.take(now)) {
            connection.close(ErrorCode.RATE_LIMITED, "too many SEND, SUBSCRIBE and UNSUBSCRIBE frames ("
                    + frame.command() + ")", receipt);
            return false;
        }
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketFrameHandler.OUTBOUND_FULL) {
            connection.close(ErrorCode.SLOW_CONSUMER, "client is not reading (pongs)");
        }
        ctx.fireUserEventTriggered(event);
    }

    private void toCore(ClientFrame frame) {
        SessionHandler session = connection.session();
        if (session == null) {
            return;
        }
        try {
            session.onFrame(frame);
        } catch (RuntimeException e) {
            log.error("session handler of {} failed on {}", connection, frame.command(), e);
            connection.close(ErrorCode.INTERNAL, "internal error", frame.header("receipt"));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        connection.flushSoon();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof StompException e) {
            connection.close(e.code(), e.getMessage());
        } else if (cause instanceof ClosedChannelException) {
            // a write raced with the close; nothing to do
        } else if (cause instanceof IOException) {
            ctx.close(); // the peer went away
        } else {
            log.warn("unexpected error on {}", connection, cause);
            connection.close(ErrorCode.INTERNAL, "internal error");
        }
    }
}
