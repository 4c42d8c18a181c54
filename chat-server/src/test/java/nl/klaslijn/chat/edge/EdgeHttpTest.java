package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpEndpoints;
import nl.klaslijn.chat.core.http.HttpReply;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole edge pipeline in an EmbeddedChannel, fed raw bytes: HTTP, handshake, then WebSocket frames. */
@ExtendWith(LeakCheck.class)
class EdgeHttpTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final InMemoryChatCore core = new InMemoryChatCore();
    private final EdgeSettings settings = EdgeSettings.builder().allowedOrigins(List.of("https://app.klaslijn.nl")).build();
    private final StompApplication stomp = new StompApplication(settings, core, TestTokens.TOKENS);
    private EmbeddedChannel channel;

    private final HttpEndpoints endpoints = call -> switch (call.path()) {
        case "/health" -> CompletableFuture.completedFuture(HttpReply.json(200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)));
        case "/echo" -> CompletableFuture.completedFuture(HttpReply.json(200, describe(call)));
        default -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
    };

    private static byte[] describe(HttpCall call) {
        return (call.method() + " " + call.path() + " ?" + call.query() + " x=" + call.header("x-test") + " body="
                + new String(call.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private EmbeddedChannel channel(@Nullable HttpEndpoints endpoints) {
        channel = new EmbeddedChannel(new EdgeInitializer(settings, endpoints, stomp));
        return channel;
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        stomp.timers().stop();
    }

    private void send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
    }

    private String output() {
        StringBuilder out = new StringBuilder();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    private static String upgrade(String extraHeaders) {
        return "GET /stomp HTTP/1.1\r\nHost: chat\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    @Test
    void servesEndpointsAndKeepsHttp11ConnectionsOpen() {
        channel(endpoints);
        send("GET /health HTTP/1.1\r\nHost: chat\r\n\r\n");
        String response = output();
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: 15\r\n")
                .contains("content-type: application/json\r\n").endsWith("{\"status\":\"UP\"}");
        assertThat(response.toLowerCase()).doesNotContain("connection: close");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void passesMethodPathQueryLowerCaseHeadersAndBody() {
        channel(endpoints);
        send("POST /echo?a=1 HTTP/1.1\r\nHost: chat\r\nX-Test: yes\r\nContent-Length: 4\r\n\r\nping");
        assertThat(output()).endsWith("POST /echo ?a=1 x=yes body=ping");
    }

    @Test
    void closesAfterReplyToHttp10WithoutKeepAlive() {
        channel(endpoints);
        send("GET /health HTTP/1.0\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.0 200 OK");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void keepsHttp10KeepAliveOpenAndSaysSo() {
        channel(endpoints);
        send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(output()).contains("connection: keep-alive");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void closesAfterReplyWhenHttp11ClientAsksToClose() {
        channel(endpoints);
        send("GET /health HTTP/1.1\r\nHost: chat\r\nConnection: close\r\n\r\n");
        assertThat(output()).contains("connection: close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void writesPipelinedRepliesInRequestOrder() {
        CompletableFuture<HttpReply> slow = new CompletableFuture<>();
        channel(call -> call.path().equals("/slow") ? slow
                : CompletableFuture.completedFuture(HttpReply.json(200, "fast".getBytes(StandardCharsets.UTF_8))));
        send("GET /slow HTTP/1.1\r\nHost: chat\r\n\r\nGET /fast HTTP/1.1\r\nHost: chat\r\n\r\n");
        assertThat(output()).isEmpty(); // the fast reply waits for the slow one
        slow.complete(HttpReply.json(200, "slow".getBytes(StandardCharsets.UTF_8)));
        channel.runPendingTasks();
        String out = output();
        assertThat(out.indexOf("slow")).isGreaterThan(0).isLessThan(out.indexOf("fast"));
    }

    @Test
    void stopsReadingWhileAReplyIsUnwrittenAndReadsAgainOnceItIs() {
        CompletableFuture<HttpReply> slow = new CompletableFuture<>();
        channel(call -> slow);
        send("GET /slow HTTP/1.1\r\nHost: chat\r\n\r\n");
        assertThat(channel.config().isAutoRead()).as("no reading while the reply is pending").isFalse();
        slow.complete(HttpReply.json(200, "slow".getBytes(StandardCharsets.UTF_8)));
        channel.runPendingTasks();
        assertThat(output()).endsWith("slow");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void closesAConnectionWithMorePipelinedRequestsUnansweredThanAllowed() {
        CompletableFuture<HttpReply> never = new CompletableFuture<>();
        channel(call -> never);
        send("GET /slow HTTP/1.1\r\nHost: chat\r\n\r\n".repeat(settings.maxPipelinedHttpRequests()));
        assertThat(channel.isOpen()).as("up to the limit").isTrue();
        send("GET /slow HTTP/1.1\r\nHost: chat\r\n\r\n".repeat(100));
        assertThat(channel.isOpen()).as("past the limit").isFalse();
        assertThat(output()).isEmpty();
    }

    @Test
    void answersFailingEndpointWith500Problem() {
        channel(endpoints);
        send("GET /fails HTTP/1.1\r\nHost: chat\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 500").contains("application/problem+json");
    }

    @Test
    void answers404ProblemWithoutEndpoints() {
        channel(null);
        send("GET /health HTTP/1.1\r\nHost: chat\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 404 Not Found").contains("\"status\":404");
    }

    @Test
    void upgradesOnTheStompPathPreferringV12AndDropsAllHttpHandlers() {
        channel(null);
        send(upgrade("Sec-WebSocket-Protocol: v10.stomp, v11.stomp, v12.stomp\r\nOrigin: https://app.klaslijn.nl\r\n"));
        String response = output();
        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols")
                .contains("sec-websocket-accept: " + ACCEPT).contains("sec-websocket-protocol: v12.stomp");
        assertThat(channel.pipeline().names()).containsSubsequence("wsencoder", "wsdecoder",
                EdgeInitializer.WS_FRAMES, EdgeInitializer.STOMP_DECODER, EdgeInitializer.STOMP_AUTH);
        assertThat(channel.pipeline().names()).doesNotContain(EdgeInitializer.HTTP_IDLE, EdgeInitializer.HTTP_CODEC,
                EdgeInitializer.HTTP_AGGREGATOR, EdgeInitializer.ORIGIN_CHECK, EdgeInitializer.HTTP_REQUEST);
    }

    @Test
    void acceptsHandshakeWithoutSubprotocol() {
        channel(null);
        send(upgrade(""));
        String response = output();
        assertThat(response).startsWith("HTTP/1.1 101").doesNotContain("sec-websocket-protocol");
    }

    @Test
    void refusesHandshakeOfferingOnlyUnknownSubprotocols() {
        channel(null);
        send(upgrade("Sec-WebSocket-Protocol: mqtt, wamp\r\n"));
        assertThat(output()).startsWith("HTTP/1.1 400").contains("v12.stomp");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesOtherWebSocketVersionsWith426() {
        channel(null);
        send(upgrade("").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));
        assertThat(output()).startsWith("HTTP/1.1 426").contains("sec-websocket-version: 13");
    }

    @Test
    void answersPlainGetOnStompPathWith426() {
        channel(null);
        send("GET /stomp HTTP/1.1\r\nHost: chat\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 426").contains("upgrade: websocket");
    }

    @Test
    void refusesHandshakeFromForeignOrigin() {
        channel(null);
        send(upgrade("Origin: https://evil.example\r\n"));
        assertThat(output()).startsWith("HTTP/1.1 403");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void speaksStompOverMaskedWebSocketFramesAfterTheHandshake() {
        channel(null);
        send(upgrade("Sec-WebSocket-Protocol: v12.stomp\r\n"));
        output();
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        client.writeOutbound(new TextWebSocketFrame(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.valid(java.util.UUID.randomUUID()))));
        ByteBuf masked = client.readOutbound();
        client.finishAndReleaseAll();
        channel.writeInbound(masked);
        channel.runPendingTasks();

        EmbeddedChannel reader = new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).build()));
        for (Object o; (o = channel.readOutbound()) != null; ) {
            reader.writeInbound(o);
        }
        TextWebSocketFrame connected = reader.readInbound();
        assertThat(StompText.read(connected).command()).isEqualTo("CONNECTED");
        reader.finishAndReleaseAll();
        assertThat(core.opened).hasSize(1);
    }
}
