package nl.klaslijn.chat.edge;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import nl.klaslijn.chat.core.http.HttpReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last HTTP step. A request for the WebSocket path is a handshake: it must be a version 13 upgrade;
 * the subprotocol is chosen by us, not by the order the client lists them: {@code v12.stomp}, else
 * {@code v11.stomp}, else {@code v10.stomp} (we speak STOMP 1.2 whichever was chosen: CONNECT's
 * {@code accept-version} decides). A handshake offering only other subprotocols is refused with 400
 * (the client would fail it anyway); a handshake offering none is accepted, because some native STOMP
 * clients send none. On success the pipeline switches to WebSocket ({@link EdgeInitializer#switchToWebSocket}).
 *
 * <p>Any other request goes to {@link HttpEndpoints}, or gets 404 when there are none. Replies are written
 * in request order even when the endpoint completes them out of order (pipelining), from whichever thread
 * completes them.
 *
 * <p>Bounded pipelining: while any reply is not yet written to the socket the connection stops reading
 * ({@code autoRead} off), so a client that pipelines requests without reading its replies is held by TCP
 * flow control, and the idle timeout closes it. Requests already decoded from one read still arrive; past
 * {@link EdgeSettings#maxPipelinedHttpRequests()} unanswered ones the connection is closed without
 * further replies. So the replies queued for one connection stay few and small.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
    private static final String[] SUBPROTOCOLS = {"v12.stomp", "v11.stomp", "v10.stomp"};

    private final EdgeInitializer initializer;
    private final @Nullable HttpEndpoints endpoints;
    private final WebSocketDecoderConfig decoderConfig;
    private CompletableFuture<?> replies = CompletableFuture.completedFuture(null);
    /** Requests read whose reply is not yet written to the socket. Event loop only. */
    private int unanswered;
    private boolean overrun;

    HttpRequestHandler(EdgeInitializer initializer, @Nullable HttpEndpoints endpoints, WebSocketDecoderConfig decoderConfig) {
        this.initializer = initializer;
        this.endpoints = endpoints;
        this.decoderConfig = decoderConfig;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (overrun || unanswered >= initializer.settings().maxPipelinedHttpRequests()) {
            request.release();
            if (!overrun) {
                overrun = true;
                log.info("closing HTTP connection: more than {} pipelined requests unanswered",
                        initializer.settings().maxPipelinedHttpRequests());
                ctx.close();
            }
            return;
        }
        try {
            HttpReplies.RequestLine line = HttpReplies.RequestLine.of(request);
            if (!request.decoderResult().isSuccess()) {
                tracked(HttpReplies.write(ctx.channel(), line.closing(),
                        HttpReply.problem(400, "Bad Request", "malformed HTTP request")));
                return;
            }
            String uri = request.uri();
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            if (initializer.servesWebSocket() && path.equals(initializer.settings().webSocketPath())) {
                upgrade(ctx, request, line);
            } else {
                unansweredUntil(ctx.channel());
                serve(ctx.channel(), request, line, path, q < 0 ? "" : uri.substring(q + 1));
            }
        } finally {
            request.release();
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, HttpReplies.RequestLine line) {
        Channel channel = ctx.channel();
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            tracked(HttpReplies.write(channel, line, HttpReply.problem(426, "Upgrade Required",
                    "this path only serves WebSocket (STOMP 1.2, subprotocol v12.stomp)"), "upgrade", "websocket"));
            return;
        }
        if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            // RFC 6455 4.4: say which version we speak.
            HttpReplies.write(channel, line.closing(), HttpReply.problem(426, "Upgrade Required",
                    "WebSocket version 13 required"), "sec-websocket-version", "13");
            return;
        }
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        String chosen = null;
        if (offered != null) {
            chosen = chooseSubprotocol(offered);
            if (chosen == null) {
                HttpReplies.write(channel, line.closing(), HttpReply.problem(400, "Bad Request",
                        "no supported subprotocol offered; use v12.stomp"));
                return;
            }
        }
        String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(url, chosen, decoderConfig);
        try {
            handshaker.handshake(channel, request).addListener(f -> {
                if (!f.isSuccess()) {
                    channel.close();
                }
            });
        } catch (WebSocketServerHandshakeException e) {
            HttpReplies.write(channel, line.closing(), HttpReply.problem(400, "Bad Request", e.getMessage()));
            return;
        }
        initializer.switchToWebSocket(ctx.pipeline());
    }

    /** Our preference, not the client's order: the highest STOMP version offered. */
    static @Nullable String chooseSubprotocol(String offered) {
        String[] parts = offered.split(",");
        for (String wanted : SUBPROTOCOLS) {
            for (String part : parts) {
                if (part.trim().equalsIgnoreCase(wanted)) {
                    return part.trim();
                }
            }
        }
        return null;
    }

    private void serve(Channel channel, FullHttpRequest request, HttpReplies.RequestLine line, String path, String query) {
        String method = request.method().name();
        CompletableFuture<HttpReply> reply;
        if (endpoints == null) {
            reply = CompletableFuture.completedFuture(HttpReply.problem(404, "Not Found", "no such endpoint"));
        } else {
            Map<String, String> headers = new HashMap<>();
            for (Map.Entry<String, String> h : request.headers()) {
                headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
            }
            HttpCall call = new HttpCall(method, path, query, headers,
                    ByteBufUtil.getBytes(request.content()));
            try {
                reply = endpoints.handle(call).toCompletableFuture();
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<HttpReply> safe = reply.handle((r, e) -> {
            if (e != null || r == null) {
                log.warn("HTTP endpoint failed for {} {}", method, path, e);
                return HttpReply.problem(500, "Internal Server Error", "the request could not be handled");
            }
            return r;
        });
        replies = replies.thenCombine(safe, (ignored, r) -> r)
                .thenAccept(r -> HttpReplies.write(channel, line, r).addListener(written -> answered(channel)))
                .exceptionally(e -> {
                    log.warn("writing the reply to {} {} failed", method, path, e);
                    channel.close();
                    return null;
                });
    }

    /** A reply written synchronously: counted until the socket took it. */
    private void tracked(io.netty.channel.ChannelFuture written) {
        unansweredUntil(written.channel());
        written.addListener(f -> answered(written.channel()));
    }

    /** One more request waits for its reply: stop reading until every reply is written. Event loop. */
    private void unansweredUntil(Channel channel) {
        unanswered++;
        channel.config().setAutoRead(false);
    }

    /** A reply was written (or failed: the channel is closing). Event loop (a channel future listener). */
    private void answered(Channel channel) {
        if (--unanswered == 0 && !overrun) {
            channel.config().setAutoRead(true); // reads again (Netty issues a read when auto-read turns on)
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof ReadTimeoutException) && !(cause instanceof IOException)) {
            log.debug("closing HTTP connection {}", ctx.channel(), cause);
        }
        ctx.close();
    }
}
