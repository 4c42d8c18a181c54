package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.common.auth.TokenVerifier;

/**
 * The STOMP part of the edge pipeline (WebSocket message layer, STOMP decoder, auth, then dispatch) in an
 * {@link EmbeddedChannel} with frozen time, an {@link InMemoryChatCore} and real tokens. Tests talk to it
 * in STOMP text.
 */
final class StompChannel implements AutoCloseable {

    static final EdgeSettings SETTINGS = EdgeSettings.builder()
            .timerTick(Duration.ofMillis(100))
            .build();

    final InMemoryChatCore core = new InMemoryChatCore();
    final EdgeSettings settings;
    final StompApplication app;
    final EmbeddedChannel channel;
    final UUID user = UUID.randomUUID();

    StompChannel() {
        this(SETTINGS);
    }

    StompChannel(EdgeSettings settings) {
        this(settings, TestTokens.TOKENS);
    }

    StompChannel(EdgeSettings settings, TokenVerifier tokens) {
        this(settings, tokens, Long.MAX_VALUE);
    }

    /** {@code pongCap}: the outbound cap the WebSocket layer applies to pongs. */
    StompChannel(EdgeSettings settings, long pongCap) {
        this(settings, TestTokens.TOKENS, pongCap);
    }

    private StompChannel(EdgeSettings settings, TokenVerifier tokens, long pongCap) {
        this.settings = settings;
        this.app = new StompApplication(settings, core, tokens);
        this.channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(EdgeInitializer.WS_FRAMES,
                new WebSocketFrameHandler(settings.maxFrameBytes(), settings.closeGrace().toMillis(), pongCap));
        app.install(channel.pipeline());
    }

    void send(String stompText) {
        channel.writeInbound(new TextWebSocketFrame(stompText));
        channel.runPendingTasks();
    }

    /** CONNECT with a bearer token for {@link #user}; returns the answer. */
    StompText.Frame connect(String... extraHeaders) {
        String[] headers = new String[4 + extraHeaders.length];
        headers[0] = "accept-version";
        headers[1] = "1.1,1.2";
        headers[2] = "Authorization";
        headers[3] = "Bearer " + TestTokens.valid(user);
        System.arraycopy(extraHeaders, 0, headers, 4, extraHeaders.length);
        send(StompText.frame("CONNECT", headers));
        StompText.Frame connected = read();
        assertThat(connected.command()).isEqualTo("CONNECTED");
        return connected;
    }

    void advance(Duration time) {
        long step = settings.timerTick().toMillis();
        for (long t = 0; t < time.toMillis(); t += step) {
            channel.advanceTimeBy(step, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            channel.runPendingTasks();
        }
    }

    /** The next outbound frame, which must be a STOMP text frame. */
    StompText.Frame read() {
        channel.runPendingTasks();
        Object out = asTextFrame(channel.readOutbound());
        assertThat(out).as("next outbound frame").isInstanceOf(TextWebSocketFrame.class);
        return StompText.read((TextWebSocketFrame) out);
    }

    /**
     * A MESSAGE leaves {@link NettyConnection} as a ready WebSocket frame ({@code ByteBuf}, see
     * {@link StompEncoder#framedMessage}); decodes it as a client would. Anything else is returned as it is.
     */
    static Object asTextFrame(Object out) {
        if (!(out instanceof ByteBuf wire)) {
            return out;
        }
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        client.writeInbound(wire);
        Object frame = client.readInbound();
        assertThat(frame).as("one complete text frame").isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) frame).isFinalFragment()).isTrue();
        assertThat(client.finishAndReleaseAll()).as("nothing after the frame").isFalse();
        return frame;
    }

    /** The next outbound frame, raw (caller releases). */
    Object readRaw() {
        channel.runPendingTasks();
        return channel.readOutbound();
    }

    /** The next outbound frame must be a WebSocket close; returns its code. */
    int readClose() {
        channel.runPendingTasks();
        Object out = channel.readOutbound();
        assertThat(out).as("next outbound frame").isInstanceOf(CloseWebSocketFrame.class);
        CloseWebSocketFrame close = (CloseWebSocketFrame) out;
        try {
            return close.statusCode();
        } finally {
            close.release();
        }
    }

    /** Expects ERROR with this code, then a close frame, then a closed channel; returns the ERROR. */
    StompText.Frame expectErrorAndClose(String errorCode) {
        StompText.Frame error = read();
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("error-code")).isEqualTo(errorCode);
        readClose();
        assertThat(channel.isOpen()).isFalse();
        return error;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        app.timers().stop();
    }
}
