package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The edge on a real socket, driven by the JDK's WebSocket client speaking STOMP 1.2. */
@ExtendWith(LeakCheck.class)
class EdgeEndToEndIT {

    private final InMemoryChatCore core = new InMemoryChatCore();
    private ChatEdgeServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new ChatEdgeServer(EdgeSettings.builder().port(0).ioThreads(1).build(), core, TestTokens.TOKENS, null);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void connectsSubscribesSendsReceivesAndDisconnects() throws Exception {
        UUID user = UUID.randomUUID();
        try (StompWebSocketClient client = StompWebSocketClient.connect(port)) {
            assertThat(client.subprotocol()).isEqualTo("v12.stomp");

            client.send(StompText.frame("CONNECT", "accept-version", "1.0,1.1,1.2", "host", "klaslijn",
                    "heart-beat", "0,0", "Authorization", "Bearer " + TestTokens.valid(user)));
            StompText.Frame connected = client.next();
            assertThat(connected.command()).isEqualTo("CONNECTED");
            assertThat(connected.header("version")).isEqualTo("1.2");
            assertThat(connected.header("user-name")).isEqualTo(user.toString());

            client.send(StompText.frame("SUBSCRIBE", "id", "sub-1", "destination", "/conversations/42", "receipt", "r-sub"));
            assertThat(client.next().header("receipt-id")).isEqualTo("r-sub");

            client.send(StompText.frameWithBody("SEND", "{\"text\":\"Goedemorgen juf!\"}",
                    "destination", "/conversations/42", "content-type", "application/json"));
            StompText.Frame message = client.next();
            assertThat(message.command()).isEqualTo("MESSAGE");
            assertThat(message.header("subscription")).isEqualTo("sub-1");
            assertThat(message.header("destination")).isEqualTo("/conversations/42");
            assertThat(message.body()).isEqualTo("{\"text\":\"Goedemorgen juf!\"}");

            client.send(StompText.frame("DISCONNECT", "receipt", "bye"));
            StompText.Frame receipt = client.next();
            assertThat(receipt.command()).isEqualTo("RECEIPT");
            assertThat(receipt.header("receipt-id")).isEqualTo("bye");
            assertThat(client.awaitClose().code()).isEqualTo(1000);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> core.closes.get() == 1);
    }

    @Test
    void fansOutOneSendToEverySubscriberOfTheConversation() throws Exception {
        try (StompWebSocketClient teacher = StompWebSocketClient.connect(port);
                StompWebSocketClient parent = StompWebSocketClient.connect(port)) {
            for (StompWebSocketClient c : new StompWebSocketClient[] {teacher, parent}) {
                c.send(StompText.frame("CONNECT", "accept-version", "1.2",
                        "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID())));
                assertThat(c.next().command()).isEqualTo("CONNECTED");
            }
            teacher.send(StompText.frame("SUBSCRIBE", "id", "t", "destination", "/conversations/1", "receipt", "1"));
            parent.send(StompText.frame("SUBSCRIBE", "id", "p", "destination", "/conversations/1", "receipt", "1"));
            teacher.next();
            parent.next();
            parent.send(StompText.frameWithBody("SEND", "{}", "destination", "/conversations/1"));
            assertThat(teacher.next().header("subscription")).isEqualTo("t");
            assertThat(parent.next().header("subscription")).isEqualTo("p");
        }
    }

    /**
     * A frame written from another thread (as the core does, from the storage driver's threads) must go
     * out at once, even to a connection whose event loop is asleep with nothing else to do: here no
     * heart-beats and a timer that would not tick for an hour.
     */
    @Test
    void deliversAFrameWrittenFromAnotherThreadToAnIdleConnection() throws Exception {
        server.stop();
        server = new ChatEdgeServer(EdgeSettings.builder().port(0).ioThreads(1).serverHeartbeat(Duration.ZERO)
                .clientHeartbeat(Duration.ZERO).timerTick(Duration.ofHours(1)).build(), core, TestTokens.TOKENS, null);
        port = server.start();
        try (StompWebSocketClient client = StompWebSocketClient.connect(port)) {
            client.send(StompText.frame("CONNECT", "accept-version", "1.2", "heart-beat", "0,0",
                    "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID())));
            assertThat(client.next().command()).isEqualTo("CONNECTED");
            client.send(StompText.frame("SUBSCRIBE", "id", "s", "destination", "/conversations/7", "receipt", "r"));
            assertThat(client.next().command()).isEqualTo("RECEIPT");

            Thread writer = new Thread(() -> core.opened.get(0).deliver("s",
                    nl.klaslijn.chat.core.ServerFrame.message("/conversations/7", "m-1", "{}".getBytes())));
            writer.start();
            writer.join();
            StompText.Frame message = client.next();
            assertThat(message.command()).isEqualTo("MESSAGE");
            assertThat(message.header("message-id")).isEqualTo("m-1");
        }
    }

    @Test
    void framesFromSeveralThreadsArriveCompleteAndInEachThreadsOrder() throws Exception {
        try (StompWebSocketClient client = StompWebSocketClient.connect(port)) {
            client.send(StompText.frame("CONNECT", "accept-version", "1.2", "heart-beat", "0,0",
                    "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID())));
            assertThat(client.next().command()).isEqualTo("CONNECTED");
            client.send(StompText.frame("SUBSCRIBE", "id", "s", "destination", "/conversations/7", "receipt", "r"));
            assertThat(client.next().command()).isEqualTo("RECEIPT");

            int threads = 4;
            int perThread = 200;
            java.util.List<Thread> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        core.opened.get(0).deliver("s", nl.klaslijn.chat.core.ServerFrame.message("/conversations/7",
                                thread + "-" + i, "{}".getBytes()));
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            int[] next = new int[threads];
            for (int n = 0; n < threads * perThread; n++) {
                String[] id = client.next().header("message-id").split("-");
                int thread = Integer.parseInt(id[0]);
                assertThat(Integer.parseInt(id[1])).as("frames of writer " + thread + " in order").isEqualTo(next[thread]++);
            }
            assertThat(next).containsOnly(perThread);
        }
    }

    @Test
    void answersBadTokenWithErrorAndClose() throws Exception {
        try (StompWebSocketClient client = StompWebSocketClient.connect(port)) {
            client.send(StompText.frame("CONNECT", "accept-version", "1.2", "Authorization", "Bearer not-a-token"));
            StompText.Frame error = client.next();
            assertThat(error.command()).isEqualTo("ERROR");
            assertThat(error.header("error-code")).isEqualTo("bad-token");
            StompWebSocketClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("bad-token");
        }
        assertThat(core.opened).isEmpty();
    }
}
