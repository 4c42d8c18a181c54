package nl.klaslijn.chat.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import nl.klaslijn.chat.protocol.Requests;
import nl.klaslijn.chat.protocol.Wire;
import org.jspecify.annotations.Nullable;

/**
 * A small STOMP 1.2 client over the JDK's WebSocket, speaking Klaslijn's protocol (docs/protocol.md).
 * Used by the command-line client and by the integration tests, so both exercise the real wire format.
 *
 * <p>Thread-safe. MESSAGE frames go to {@link #messages()} (and to an optional listener, whose exceptions are
 * swallowed so that they never stop the connection's reading); RECEIPT and
 * ERROR frames complete the futures of the frames that asked for them. An ERROR completes every
 * pending future exceptionally and {@link #closed()} with that frame.
 */
public final class StompClient implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<StompFrame> messages = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<StompFrame>> receipts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<StompFrame>> replies = new ConcurrentHashMap<>();
    private final CompletableFuture<StompFrame> closed;
    private final AtomicInteger counter = new AtomicInteger();
    private final StompFrame connected;
    private volatile @Nullable Consumer<StompFrame> listener;
    private @Nullable String repliesSubscription;

    private StompClient(WebSocket socket, Listener wsListener, StompFrame connected) {
        this.socket = socket;
        this.closed = wsListener.closed;
        this.connected = connected;
        wsListener.client = this;
        closed.whenComplete((frame, error) -> failPending(frame));
    }

    /**
     * Opens the WebSocket (subprotocol v12.stomp), sends CONNECT with the bearer token and waits for
     * CONNECTED. Fails with {@link StompErrorException} carrying the server's ERROR frame.
     */
    public static StompClient connect(URI uri, String token, Duration timeout) {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newBuilder().connectTimeout(timeout).build().newWebSocketBuilder()
                .subprotocols("v12.stomp")
                .connectTimeout(timeout)
                .buildAsync(uri, listener)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept-version", "1.2");
        headers.put("host", uri.getHost());
        headers.put("heart-beat", "0,0");
        headers.put("Authorization", "Bearer " + token);
        socket.sendText(new StompFrame("CONNECT", headers, "").encode(), true).join();
        StompFrame first = listener.first.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
        if (!first.command().equals("CONNECTED")) {
            socket.abort();
            throw new StompErrorException(first);
        }
        return new StompClient(socket, listener, first);
    }

    public StompFrame connectedFrame() {
        return connected;
    }

    /** Every MESSAGE frame received, in order. */
    public BlockingQueue<StompFrame> messages() {
        return messages;
    }

    /** Also hand MESSAGE frames to {@code listener} as they arrive (they still go to {@link #messages()}). */
    public void onMessage(Consumer<StompFrame> listener) {
        this.listener = listener;
    }

    /** Completes when the connection ends: with the ERROR frame if the server sent one, else with null. */
    public CompletableFuture<StompFrame> closed() {
        return closed;
    }

    /** Subscribes with a receipt; completes when the server confirmed. Returns the subscription id. */
    public CompletionStage<String> subscribe(String destination) {
        String id = "sub-" + counter.incrementAndGet();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("id", id);
        headers.put("destination", destination);
        if (destination.equals("/user/replies")) {
            repliesSubscription = id;
        }
        return withReceipt("SUBSCRIBE", headers, "").thenApply(receipt -> id);
    }

    public CompletionStage<StompFrame> unsubscribe(String id) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("id", id);
        return withReceipt("UNSUBSCRIBE", headers, "");
    }

    /** SEND with a receipt; completes with the RECEIPT frame (or fails with the ERROR). */
    public CompletionStage<StompFrame> send(String destination, String jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", destination);
        headers.put("content-type", "application/json");
        return withReceipt("SEND", headers, jsonBody);
    }

    /** Sends a chat message; completes with the RECEIPT, whose {@code message-id} header is the server id. */
    public CompletionStage<StompFrame> sendMessage(UUID conversation, String clientMessageId, String text) {
        return send("/app/conversations/" + conversation + "/messages",
                new String(Wire.encode(new Requests.SendMessage(clientMessageId, text)), StandardCharsets.UTF_8));
    }

    /** A request/reply SEND; requires a subscription to /user/replies. Completes with the reply MESSAGE. */
    public CompletionStage<StompFrame> request(String destination, String jsonBody) {
        if (repliesSubscription == null) {
            throw new IllegalStateException("subscribe to /user/replies first");
        }
        String correlation = "c-" + counter.incrementAndGet();
        CompletableFuture<StompFrame> reply = new CompletableFuture<>();
        replies.put(correlation, reply);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", destination);
        headers.put("content-type", "application/json");
        headers.put("correlation-id", correlation);
        sendFrame(new StompFrame("SEND", headers, jsonBody));
        return reply;
    }

    /** Sends a raw frame as given (for tests of malformed input). */
    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends DISCONNECT with a receipt and waits for it, then closes the socket. */
    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                withReceipt("DISCONNECT", new LinkedHashMap<>(), "").toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the connection is going away either way
            }
            socket.abort();
        }
    }

    /** Drops the TCP connection without a goodbye, as a phone losing its network would. */
    public void abort() {
        socket.abort();
    }

    private CompletionStage<StompFrame> withReceipt(String command, Map<String, String> headers, String body) {
        String receipt = "rcpt-" + counter.incrementAndGet();
        CompletableFuture<StompFrame> future = new CompletableFuture<>();
        receipts.put(receipt, future);
        headers.put("receipt", receipt);
        sendFrame(new StompFrame(command, headers, body));
        return future;
    }

    private synchronized void sendFrame(StompFrame frame) {
        socket.sendText(frame.encode(), true).join();
    }

    private void received(StompFrame frame) {
        switch (frame.command()) {
            case "MESSAGE" -> {
                String correlation = frame.header("correlation-id");
                CompletableFuture<StompFrame> reply = correlation == null ? null : replies.remove(correlation);
                if (reply != null) {
                    reply.complete(frame);
                    return;
                }
                messages.add(frame);
                Consumer<StompFrame> l = listener;
                if (l != null) {
                    try {
                        l.accept(frame);
                    } catch (RuntimeException e) {
                        // A listener's failure is the listener's: the connection keeps reading frames.
                    }
                }
            }
            case "RECEIPT" -> {
                CompletableFuture<StompFrame> future = receipts.remove(String.valueOf(frame.header("receipt-id")));
                if (future != null) {
                    future.complete(frame);
                }
            }
            case "ERROR" -> closed.complete(frame);
            default -> {
                // CONNECTED is handled during connect; nothing else is defined for servers.
            }
        }
    }

    private void failPending(@Nullable StompFrame error) {
        RuntimeException failure = error == null
                ? new IllegalStateException("connection closed")
                : new StompErrorException(error);
        receipts.values().forEach(f -> f.completeExceptionally(failure));
        replies.values().forEach(f -> f.completeExceptionally(failure));
        receipts.clear();
        replies.clear();
    }

    /** Collects WebSocket text messages into STOMP frames. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<StompFrame> first = new CompletableFuture<>();
        final CompletableFuture<StompFrame> closed = new CompletableFuture<>();
        volatile @Nullable StompClient client;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            try {
                text(data, last);
            } finally {
                // Always ask for the next frame, whatever this one did: a throw here would stall the connection.
                webSocket.request(1);
            }
            return null;
        }

        private void text(CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                StompFrame frame = StompFrame.parse(text);
                if (frame != null) {
                    if (!first.isDone()) {
                        first.complete(frame);
                    } else {
                        StompClient c = client;
                        if (c != null) {
                            c.received(frame);
                        } else if (frame.command().equals("ERROR")) {
                            closed.complete(frame);
                        }
                    }
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            first.completeExceptionally(new IllegalStateException("closed before CONNECTED: " + statusCode + " " + reason));
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            first.completeExceptionally(error);
            closed.complete(null);
        }
    }
}
