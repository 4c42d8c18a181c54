package nl.klaslijn.chat.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A STOMP-over-WebSocket test client on the JDK's own WebSocket client (a real socket, a real handshake). */
final class StompWebSocketClient implements AutoCloseable {

    record Closed(int code, String reason) {}

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StompWebSocketClient(HttpClient http, URI uri, String... headers) {
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .subprotocols("v12.stomp", "v11.stomp", "v10.stomp")
                .connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    static StompWebSocketClient connect(int port, String... headers) {
        return new StompWebSocketClient(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/stomp"), headers);
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next STOMP frame, skipping heart-beats. */
    StompText.Frame next() throws InterruptedException {
        while (true) {
            String text = messages.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no frame within 10 s");
            }
            if (!text.isBlank()) {
                return StompText.parse(text);
            }
        }
    }

    /** The next raw text message (heart-beats included), or null after the timeout. */
    String nextRaw(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Closed awaitClose() {
        return closed.orTimeout(10, TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
