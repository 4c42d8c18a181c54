package nl.klaslijn.chat.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpMethod;
import nl.klaslijn.chat.core.http.HttpReply;

/**
 * Writes plain HTTP replies with keep-alive done right: the reply says whether the connection stays open
 * ({@code Connection: close} for HTTP/1.1, {@code keep-alive} for a keep-alive HTTP/1.0 request), always
 * carries {@code Content-Length}, and the connection closes after the write when it does not stay open.
 * Thread-safe (writes through the channel).
 */
final class HttpReplies {

    private HttpReplies() {}

    /** What {@link #write} needs of a request, captured before the request is released. */
    record RequestLine(HttpVersion version, boolean keepAlive, boolean head) {
        static RequestLine of(HttpRequest request) {
            return new RequestLine(request.protocolVersion(), HttpUtil.isKeepAlive(request),
                    HttpMethod.HEAD.equals(request.method()));
        }

        RequestLine closing() {
            return new RequestLine(version, false, head);
        }
    }

    /** {@code extraHeaders}: name/value pairs added to the response. */
    static ChannelFuture write(Channel channel, RequestLine request, HttpReply reply, String... extraHeaders) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.version(),
                HttpResponseStatus.valueOf(reply.status()),
                request.head() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        for (int i = 0; i < extraHeaders.length; i += 2) {
            response.headers().set(extraHeaders[i], extraHeaders[i + 1]);
        }
        HttpUtil.setKeepAlive(response, request.keepAlive());
        ChannelFuture written = channel.writeAndFlush(response);
        if (!request.keepAlive()) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
