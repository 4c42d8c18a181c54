package nl.klaslijn.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** An off-the-shelf STOMP client (Spring's) connects, subscribes, sends with a receipt and receives, unchanged. */
class StandardStompClientIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = new TestNode();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void springStompClientSendsAndReceivesOverTheRealProtocol() throws Exception {
        UUID parent = node.person("Ouder met Spring-app");
        UUID teacher = node.person("Juf");
        Conversation group = node.group("compat", List.of(parent, teacher));

        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler scheduler =
                new org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler();
        scheduler.initialize();
        client.setTaskScheduler(scheduler); // receipts and heart-beats need one
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + node.token(parent));
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.setSecWebSocketProtocol("v12.stomp");
        StompSession session = client.connectAsync(node.uri(), handshake, connect, new StompSessionHandlerAdapter() {})
                .get(10, TimeUnit.SECONDS);
        try {
            session.setAutoReceipt(true);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            session.subscribe("/user/events", new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return byte[].class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    if ("message".equals(headers.getFirst("event-type"))) { // presence etc. are not asserted here
                        received.add(new String((byte[]) payload, StandardCharsets.UTF_8));
                    }
                }
            }).addReceiptTask(() -> subscribed.complete(null));
            subscribed.get(10, TimeUnit.SECONDS);

            try (StompClient juf = node.connect(teacher)) {
                TestNode.await(juf.sendMessage(group.id(), "spring-1", "Hallo vanuit de klas"));
            }
            assertThat(received.poll(10, TimeUnit.SECONDS)).contains("Hallo vanuit de klas");

            StompHeaders send = new StompHeaders();
            send.setDestination("/app/conversations/" + group.id() + "/messages");
            send.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            session.send(send, "{\"clientMessageId\":\"spring-2\",\"text\":\"Dank u!\"}".getBytes(StandardCharsets.UTF_8))
                    .addReceiptTask(() -> acknowledged.complete(null));
            acknowledged.get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).contains("Dank u!");
        } finally {
            session.disconnect();
            client.stop();
            scheduler.shutdown();
        }
    }
}
