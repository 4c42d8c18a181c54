package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.protocol.Views;
import org.junit.jupiter.api.Test;

/** A client that stops reading is cut off instead of growing the server's memory; it catches up afterwards. */
class SlowConsumerIT {

    @Test
    void aClientThatStopsReadingIsClosedAndCatchesUpWhenItReturns() throws Exception {
        try (TestNode node = new TestNode(EdgeSettings.builder().sendsPerSecond(100_000).sendBurst(100_000)
                .framesPerSecond(100_000).frameBurst(100_000)
                .maxPendingOutboundBytes(256 * 1024), Duration.ofDays(7))) {
            UUID sender = node.person("Sender");
            UUID stalled = node.person("Stalled phone");
            UUID fast = node.person("Fast reader");
            Conversation group = node.group("busy", List.of(sender, stalled, fast));
            String text = "x".repeat(4000);
            AtomicInteger fastReceived = new AtomicInteger();
            try (StalledClient phone = new StalledClient(node.server.port(), node.token(stalled));
                    StompClient writer = node.connect(sender); StompClient reader = node.connect(fast)) {
                reader.onMessage(frame -> fastReceived.incrementAndGet());
                assertThat(sessionsOf(node, stalled)).isEqualTo(1);
                int sent = 0;
                String last = null;
                while (sessionsOf(node, stalled) > 0 && sent < 3000) {
                    // Bursts of 20 (80 KB to each member) leave the two reading clients a wide margin under the
                    // 256 KB limit even on a busy CI machine; the stalled one still fills up, as it never reads.
                    for (int i = 0; i < 20; i++, sent++) {
                        writer.sendRaw("SEND\ndestination:/app/conversations/" + group.id() + "/messages\n\n"
                                + "{\"clientMessageId\":\"m" + sent + "\",\"text\":\"" + text + "\"}\0");
                    }
                    last = await(writer.sendMessage(group.id(), "mark" + sent, "mark")).header("message-id");
                    sent++;
                }
                assertThat(sessionsOf(node, stalled)).as("the stalled connection was closed").isZero();
                int total = sent;
                await().atMost(Duration.ofSeconds(30)).until(() -> fastReceived.get() >= total);
                assertThat(writer.closed()).isNotDone();

                try (StompClient back = node.connect(stalled)) {
                    Views.SyncReply sync = Frames.reply(await(back.request("/app/sync", "{\"since\":\"0\",\"limit\":5}")),
                            Views.SyncReply.class);
                    List<Views.MessageView> newest = sync.conversations().get(0).messages();
                    assertThat(newest.get(newest.size() - 1).id()).isEqualTo(last);
                }
            }
        }
    }

    private static int sessionsOf(TestNode node, UUID user) {
        AtomicInteger count = new AtomicInteger();
        node.server.sessions().forEachOfUser(user, s -> count.incrementAndGet());
        return count.get();
    }
}
