package nl.klaslijn.chat.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import org.jspecify.annotations.Nullable;

/**
 * The edge pipeline, top to bottom (inbound order).
 *
 * <pre>
 * HTTP phase, every new connection:
 *   http-idle        ReadTimeoutHandler: close an idle HTTP connection
 *   http-codec       HttpServerCodec
 *   http-aggregator  HttpObjectAggregator, bounded by maxHttpRequestBytes
 *   origin-check     {@link OriginCheck}: 403 for browser origins not allowed
 *   http-request     {@link HttpRequestHandler}: WebSocket handshake on the STOMP path, else HttpEndpoints;
 *                    stops reading while a reply is unwritten, closes past maxPipelinedHttpRequests
 *
 * WebSocket phase, after the handshake (every HTTP handler above is removed: an idle WebSocket keeps no HTTP state):
 *   wsdecoder        WebSocket13FrameDecoder, max frame payload = maxFrameBytes, masks required
 *   wsencoder        WebSocket13FrameEncoder
 *   ws-frames        {@link WebSocketFrameHandler}: ping/pong (pongs within the outbound cap)/close, fragments, UTF-8, size limit
 *   stomp-decoder    {@link StompDecoder}: one STOMP frame per text message (shared, stateless)
 *   stomp-auth       {@link StompAuthHandler}: CONNECT, token, CONNECTED; replaced by
 *   stomp-dispatch   {@link StompDispatchHandler}: rate limits (every frame; requests), frames to the chat core
 * </pre>
 *
 * Outbound, {@link NettyConnection} writes {@code TextWebSocketFrame}s it encoded with {@link StompEncoder}.
 * For the Autobahn conformance run the two STOMP steps are replaced by an echo; everything above them is
 * this same code.
 */
public final class EdgeInitializer extends ChannelInitializer<Channel> {

    static final String HTTP_IDLE = "http-idle";
    static final String HTTP_CODEC = "http-codec";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    static final String ORIGIN_CHECK = "origin-check";
    static final String HTTP_REQUEST = "http-request";
    static final String WS_FRAMES = "ws-frames";
    static final String STOMP_DECODER = "stomp-decoder";
    static final String STOMP_AUTH = "stomp-auth";
    static final String STOMP_DISPATCH = "stomp-dispatch";

    private final EdgeSettings settings;
    private final @Nullable HttpEndpoints endpoints;
    private final @Nullable WebSocketApplication application;
    private final OriginCheck originCheck;
    private final WebSocketDecoderConfig decoderConfig;

    /** @param application what runs above the WebSocket layer; null for an HTTP-only edge (no path upgrades) */
    EdgeInitializer(EdgeSettings settings, @Nullable HttpEndpoints endpoints, @Nullable WebSocketApplication application) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.application = application;
        this.originCheck = new OriginCheck(settings);
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(settings.maxFrameBytes())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false) // no permessage-deflate
                .closeOnProtocolViolation(false) // WebSocketFrameHandler answers violations with the right code
                .build();
    }

    @Override
    protected void initChannel(Channel channel) {
        ChannelPipeline p = channel.pipeline();
        p.addLast(HTTP_IDLE, new ReadTimeoutHandler(settings.httpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(HTTP_CODEC, new HttpServerCodec());
        p.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(settings.maxHttpRequestBytes()));
        p.addLast(ORIGIN_CHECK, originCheck);
        p.addLast(HTTP_REQUEST, new HttpRequestHandler(this, endpoints, decoderConfig));
    }

    /**
     * Called by {@link HttpRequestHandler} once the handshake response is on its way. The handshaker has
     * already removed the aggregator and put {@code wsdecoder}/{@code wsencoder} in front of the HTTP codec,
     * which it removes as soon as the 101 response is written.
     */
    void switchToWebSocket(ChannelPipeline p) {
        p.remove(HTTP_IDLE);
        p.remove(ORIGIN_CHECK);
        p.remove(HTTP_REQUEST);
        p.addLast(WS_FRAMES, new WebSocketFrameHandler(settings.maxFrameBytes(), settings.closeGrace().toMillis(),
                settings.maxPendingOutboundBytes()));
        if (application == null) {
            throw new IllegalStateException("an HTTP-only edge never upgrades to WebSocket");
        }
        application.install(p);
    }

    /** False on an HTTP-only edge: the WebSocket path is then an ordinary path of the endpoints. */
    boolean servesWebSocket() {
        return application != null;
    }

    EdgeSettings settings() {
        return settings;
    }
}
