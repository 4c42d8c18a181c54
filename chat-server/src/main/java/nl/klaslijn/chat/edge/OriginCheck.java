package nl.klaslijn.chat.edge;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import nl.klaslijn.chat.core.http.HttpReply;

/**
 * Refuses requests whose {@code Origin} is not allowed ({@link EdgeSettings#originAllowed}) with 403 and a
 * problem body, then closes. This is what keeps another web site's scripts from opening a WebSocket with
 * a user's browser (cross-site WebSocket hijacking). Requests without {@code Origin} (native apps,
 * servers) pass. Stateless, shared by all channels.
 */
@Sharable
final class OriginCheck extends ChannelInboundHandlerAdapter {

    private final EdgeSettings settings;

    OriginCheck(EdgeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (!settings.originAllowed(origin)) {
                HttpReplies.RequestLine line = HttpReplies.RequestLine.of(request).closing();
                ReferenceCountUtil.release(msg);
                HttpReplies.write(ctx.channel(), line,
                        HttpReply.problem(403, "Forbidden", "origin not allowed"));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
