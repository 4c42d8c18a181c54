package nl.klaslijn.chat.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.SessionHandler;
import nl.klaslijn.chat.core.StompCommand;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.InvalidTokenException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first STOMP step: waits (at most the connect timeout) for CONNECT or STOMP, checks the version and
 * the token, answers CONNECTED, opens the session in the chat core and replaces itself with the
 * {@link StompDispatchHandler}. Anything else first gets ERROR {@code not-connected}.
 *
 * <p>Version: {@code accept-version} must list 1.2 ({@code unsupported-version} otherwise). Token: header
 * {@code Authorization: Bearer <token>} or, for client libraries that only set login/passcode, the
 * {@code passcode} header. A token that fails verification gives {@code token-expired} when it expired and
 * {@code bad-token} for any other reason. Heart-beats are negotiated as STOMP 1.2 section "Heart-beating" says.
 */
final class StompAuthHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(StompAuthHandler.class);

    private final StompApplication app;
    private @Nullable ScheduledFuture<?> timeout;
    /** The connection's frame rate limit; counts from the upgrade on and goes to the dispatch handler. */
    private @Nullable TokenBucket frames;

    StompAuthHandler(StompApplication app) {
        this.app = app;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        frames = new TokenBucket(app.settings().framesPerSecond(), app.settings().frameBurst(),
                ctx.executor().ticker().nanoTime());
        timeout = ctx.executor().schedule(
                () -> Closing.withError(channel, ErrorCode.NOT_CONNECTED, "no CONNECT in time", null),
                app.settings().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg != StompParser.HEARTBEAT && !(msg instanceof ClientFrame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (timeout == null) {
            return; // already failed; ignore until the channel closes
        }
        TokenBucket bucket = frames;
        if (bucket != null && !bucket.take(ctx.executor().ticker().nanoTime())) {
            fail(ctx, ErrorCode.RATE_LIMITED, "too many frames before CONNECT", null);
            return;
        }
        if (!(msg instanceof ClientFrame frame)) {
            return; // a heart-beat, ping or pong: counted
        }
        if (frame.command() != StompCommand.CONNECT && frame.command() != StompCommand.STOMP) {
            fail(ctx, ErrorCode.NOT_CONNECTED, "send CONNECT first", frame.header("receipt"));
            return;
        }
        connect(ctx, frame);
    }

    private void connect(ChannelHandlerContext ctx, ClientFrame frame) {
        if (!acceptsVersion12(frame.header("accept-version"))) {
            fail(ctx, ErrorCode.UNSUPPORTED_VERSION, "this server speaks STOMP 1.2 only", null);
            return;
        }
        long[] heartBeat = parseHeartBeat(frame.header("heart-beat"));
        if (heartBeat == null) {
            fail(ctx, ErrorCode.MALFORMED_FRAME, "bad heart-beat header", null);
            return;
        }
        String token = token(frame);
        AccessToken principal;
        try {
            principal = app.tokens().verify(token == null ? "" : token, TokenAudience.CHAT);
            if (principal.hasRole(Role.SERVICE)) {
                throw new InvalidTokenException("service tokens cannot open a chat session");
            }
        } catch (InvalidTokenException e) {
            ErrorCode code = "token expired".equals(e.getMessage()) ? ErrorCode.TOKEN_EXPIRED : ErrorCode.BAD_TOKEN;
            fail(ctx, code, e.getMessage() == null ? "invalid token" : e.getMessage(), null);
            return;
        }

        EdgeSettings settings = app.settings();
        long sx = settings.serverHeartbeat().toMillis();
        long sy = settings.clientHeartbeat().toMillis();
        long cx = heartBeat[0];
        long cy = heartBeat[1];
        int sendEvery = (int) Math.min(Integer.MAX_VALUE, sx == 0 || cy == 0 ? 0 : Math.max(sx, cy));
        int expectEvery = (int) Math.min(Integer.MAX_VALUE, cx == 0 || sy == 0 ? 0 : Math.max(cx, sy));

        Channel channel = ctx.channel();
        ConnectionTimer timer = app.timers().forLoop(channel.eventLoop());
        NettyConnection connection = new NettyConnection(channel, principal, timer,
                settings.maxPendingOutboundBytes(), sendEvery, expectEvery);
        SessionHandler session;
        try {
            session = app.core().open(connection);
        } catch (RequestException e) {
            fail(ctx, e.code(), e.getMessage(), null);
            return;
        } catch (RuntimeException e) {
            log.error("chat core failed to open connection {}", connection, e);
            fail(ctx, ErrorCode.INTERNAL, "internal error", null);
            return;
        }
        ctx.write(new TextWebSocketFrame(StompEncoder.connected(ctx.alloc(),
                "version", "1.2",
                "heart-beat", sx + "," + sy,
                "server", settings.serverName(),
                "session", Long.toString(connection.id()),
                "user-name", principal.userId().toString())));
        connection.attach(session);
        timer.add(connection);
        ctx.pipeline().replace(this, EdgeInitializer.STOMP_DISPATCH,
                new StompDispatchHandler(connection, frames, settings.sendsPerSecond(), settings.sendBurst()));
        ctx.flush();
    }

    private static boolean acceptsVersion12(@Nullable String acceptVersion) {
        if (acceptVersion == null) {
            return false; // a STOMP 1.0 client
        }
        for (String v : acceptVersion.split(",")) {
            if (v.trim().equals("1.2")) {
                return true;
            }
        }
        return false;
    }

    /** {@code cx,cy} in milliseconds; {0, 0} when absent; null when malformed. */
    static long @Nullable [] parseHeartBeat(@Nullable String header) {
        if (header == null) {
            return new long[] {0, 0};
        }
        int comma = header.indexOf(',');
        if (comma < 0) {
            return null;
        }
        try {
            long cx = Long.parseLong(header.substring(0, comma).trim());
            long cy = Long.parseLong(header.substring(comma + 1).trim());
            return cx < 0 || cy < 0 ? null : new long[] {cx, cy};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable String token(ClientFrame frame) {
        String authorization = frame.header("Authorization");
        if (authorization == null) {
            authorization = frame.header("authorization");
        }
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return authorization.substring(7).trim();
        }
        return frame.header("passcode");
    }

    private void fail(ChannelHandlerContext ctx, ErrorCode code, String message, @Nullable String receiptId) {
        handlerRemoved(ctx); // stop the timer; nothing more is read
        Closing.withError(ctx.channel(), code, message, receiptId);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof StompException e) {
            fail(ctx, e.code(), e.getMessage(), null);
        } else if (cause instanceof IOException) {
            ctx.close(); // the peer went away
        } else {
            log.warn("closing {} before CONNECT after an unexpected error", ctx.channel(), cause);
            ctx.close();
        }
    }
}
