package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.http.HttpReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server lifecycle and the behaviours that need a real socket: shutdown, slow consumers, origins, plain HTTP. */
@ExtendWith(LeakCheck.class)
class ChatEdgeServerIT {

    private final InMemoryChatCore core = new InMemoryChatCore();
    private ChatEdgeServer server;

    private int start(EdgeSettings.Builder settings) throws InterruptedException {
        server = new ChatEdgeServer(settings.port(0).ioThreads(1).build(), core, TestTokens.TOKENS,
                call -> CompletableFuture.completedFuture(
                        HttpReply.json(200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8))));
        return server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static StompWebSocketClient connected(int port) throws InterruptedException {
        StompWebSocketClient client = StompWebSocketClient.connect(port);
        client.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID())));
        assertThat(client.next().command()).isEqualTo("CONNECTED");
        return client;
    }

    @Test
    void stopTellsConnectedClientsShuttingDownAndClosesThemWithGoingAway() throws Exception {
        int port = start(EdgeSettings.builder());
        try (StompWebSocketClient client = connected(port)) {
            server.stop();
            StompText.Frame error = client.next();
            assertThat(error.header("error-code")).isEqualTo("shutting-down");
            assertThat(client.awaitClose().code()).isEqualTo(1001);
        }
        assertThat(core.closes).hasValue(1);
    }

    @Test
    void servesPlainHttpOnTheSamePort() throws Exception {
        int port = start(EdgeSettings.builder());
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void refusesWebSocketFromAForeignBrowserOrigin() throws Exception {
        int port = start(EdgeSettings.builder().allowedOrigins(List.of("https://app.klaslijn.nl")));
        try {
            StompWebSocketClient.connect(port, "Origin", "https://evil.example").close();
            throw new AssertionError("handshake should have failed");
        } catch (CompletionException expected) {
            assertThat(expected).hasStackTraceContaining("403");
        }
        StompWebSocketClient.connect(port, "Origin", "https://app.klaslijn.nl").close();
    }

    @Test
    void closesAClientThatStopsReadingAsSlowConsumer() throws Exception {
        int port = start(EdgeSettings.builder()
                .writeBufferLowWaterMark(32 * 1024).writeBufferHighWaterMark(64 * 1024)
                .maxPendingOutboundBytes(256 * 1024).closeGrace(Duration.ofMillis(500)));
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // keep the kernel from absorbing everything
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            handshakeAndConnect(socket);
            Connection connection = core.opened.get(0);
            ServerFrame big = ServerFrame.message("/c/1", "1", ("\"" + "x".repeat(32 * 1024) + "\"").getBytes(StandardCharsets.UTF_8));
            // The client reads nothing more. Deliver from a foreign thread, as the core does.
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(20)).until(() -> {
                connection.deliver("s", big);
                return !connection.isOpen();
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> core.closes.get() == 1);
        }
    }

    @Test
    void aClientThatPingsWithoutReadingIsClosedAndItsPongsNeverPassTheOutboundCap() throws Exception {
        long cap = 64 * 1024;
        int port = start(EdgeSettings.builder().framesPerSecond(1e9).frameBurst(1_000_000_000)
                .maxPendingOutboundBytes(cap).closeGrace(Duration.ofMillis(500)));
        try (RawWebSocket flooder = RawWebSocket.open(port); StompWebSocketClient bystander = connected(port)) {
            assertThat(flooder.connect(TestTokens.valid(UUID.randomUUID())).text()).startsWith("CONNECTED");
            NettyConnection connection = (NettyConnection) core.opened.get(core.opened.size() - 1);
            byte[] batch = pings(100);
            int batches = 2_000; // 200,000 pings, 26 MB of pongs if all were answered
            CompletableFuture<Integer> written = CompletableFuture.supplyAsync(() -> {
                int i = 0;
                try {
                    for (; i < batches; i++) {
                        flooder.write(batch);
                    }
                } catch (IOException closedByServer) {
                    // expected once the server gives up on us
                }
                return i;
            });
            long[] maxPending = {0};
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(60)).until(() -> {
                maxPending[0] = Math.max(maxPending[0], connection.pendingOutboundBytes());
                return !connection.isOpen() || written.isDone();
            });
            assertThat(connection.isOpen()).as("the pinging connection was closed").isFalse();
            assertThat(maxPending[0]).as("pending pongs stayed within the cap").isLessThanOrEqualTo(cap + 1024);
            await().atMost(Duration.ofSeconds(10)).until(() -> core.closes.get() == 1);
            assertThat(written.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("cut off before all pings")
                    .isLessThan(batches);

            bystander.send(StompText.frame("SUBSCRIBE", "id", "s1", "destination", "/c/1", "receipt", "r1"));
            assertThat(bystander.next().command()).isEqualTo("RECEIPT");
            bystander.send(StompText.frameWithBody("SEND", "\"still here\"", "destination", "/c/1"));
            assertThat(bystander.next().body()).isEqualTo("\"still here\"");
        }
    }

    private static byte[] pings(int count) {
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = RawWebSocket.ping(new byte[125]);
        }
        return RawWebSocket.concat(frames);
    }

    @Test
    void pipelinedHttpRequestsFromAClientThatDoesNotReadAreCutOff() throws Exception {
        // A short HTTP idle timeout: when reading stops before more than 16 requests were decoded (which depends on
        // how the kernel splits the stream), the stalled connection is closed by the idle timeout instead.
        int port = start(EdgeSettings.builder().maxPipelinedHttpRequests(16).httpIdleTimeout(Duration.ofSeconds(3)));
        byte[] chunk = "GET /health HTTP/1.1\r\nHost: chat\r\n\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        int chunks = 400; // 400,000 requests (14 MB), 40 MB of replies if all were answered
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            // The kernel's socket buffers absorb a few MB of replies; past them the server must stop reading
            // (no reply can be written) and close the connection once too many requests wait.
            int written = CompletableFuture.supplyAsync(() -> {
                int i = 0;
                try {
                    for (; i < chunks; i++) {
                        out.write(chunk);
                    }
                    out.flush();
                } catch (IOException closedByServer) {
                    // expected: the server closed the connection
                }
                return i;
            }).get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(written).as("the server stopped taking requests").isLessThan(chunks);
            boolean closedByServer = false;
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            try {
                while (in.read(buffer) >= 0) {
                    // drain what the kernel had buffered
                }
                closedByServer = true;
            } catch (java.net.SocketException reset) {
                closedByServer = true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // the server kept the connection open: closedByServer stays false
            }
            assertThat(closedByServer).as("the server closed the pipelining connection").isTrue();
        }
        HttpResponse<String> other = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("other clients are served").isEqualTo(200);
    }

    /** A bare-bones client: handshake and CONNECT, then read only the CONNECTED answer. */
    private static void handshakeAndConnect(Socket socket) throws IOException {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /stomp HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        byte[] payload = StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID())).getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
        // Read the CONNECTED frame's header and payload, and nothing after it.
        int b0 = in.read();
        int len = in.read() & 0x7F;
        if (len == 126) {
            len = (in.read() << 8) | in.read();
        }
        byte[] connected = in.readNBytes(len);
        assertThat(b0).isEqualTo(0x81);
        assertThat(new String(connected, StandardCharsets.UTF_8)).startsWith("CONNECTED\n");
    }
}
