package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.core.ErrorCode;
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
 * <p>Rate limit: a token bucket of {@code sendBurst} SENDs refilled at {@code sendsPerSecond}; a SEND that
 * finds it empty closes the connection with {@code rate-limited}. The core's {@link SessionHandler#onClose}
 * is called exactly once, when the channel closes.
 */
final class StompDispatchHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(StompDispatchHandler.class);

    private final NettyConnection connection;
    private final double sendsPerNano;
    private final int burst;
    private double tokens;
    private long refilledAt;

    StompDispatchHandler(NettyConnection connection, double sendsPerSecond, int burst) {
        this.connection = connection;
        this.sendsPerNano = sendsPerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.tokens = burst;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        refilledAt = ctx.executor().ticker().nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.markRead();
        if (!(msg instanceof ClientFrame frame)) {
            return; // heart-beat
        }
        if (!connection.isAccepting()) {
            return; // closing: nothing more is processed
        }
        String receipt = frame.header("receipt");
        switch (frame.command()) {
            case SEND -> {
                if (require(frame, receipt, "destination") && admitSend(ctx, receipt)) {
                    toCore(frame);
                }
            }
            case SUBSCRIBE -> {
                if (require(frame, receipt, "destination") && require(frame, receipt, "id")) {
                    toCore(frame);
                }
            }
            case UNSUBSCRIBE -> {
                if (require(frame, receipt, "id")) {
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

    private boolean admitSend(ChannelHandlerContext ctx, @Nullable String receipt) {
        long now = ctx.executor().ticker().nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * sendsPerNano);
        refilledAt = now;
        if (tokens < 1) {
            connection.close(ErrorCode.RATE_LIMITED, "too many SEND frames", receipt);
            return false;
        }
        tokens -= 1;
        return true;
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
