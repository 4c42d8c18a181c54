package nl.klaslijn.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.protocol.Views;

/**
 * Records every acknowledged message of a fault test and proves, at the end, that nothing acknowledged
 * was lost or doubled: each member's device ends up with every acknowledged message (after catch-up),
 * stored exactly once, each sender's messages in the order they were sent, and no message was delivered
 * live twice to one device.
 */
final class DeliveryChecker {

    private final UUID conversation;
    private final Map<UUID, List<String>> ackedBySender = new HashMap<>();

    DeliveryChecker(UUID conversation) {
        this.conversation = conversation;
    }

    /**
     * Sends {@code clientMessageId} from the device until a RECEIPT arrives, retrying (same client id, so
     * at most one message is stored) across dropped connections and failed nodes; records the server id.
     */
    void sendUntilAcknowledged(CheckedDevice sender, String clientMessageId, String text) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                StompFrame receipt = sender.client().sendMessage(conversation, clientMessageId, text)
                        .toCompletableFuture().get(3, TimeUnit.SECONDS);
                synchronized (ackedBySender) {
                    ackedBySender.computeIfAbsent(sender.user, u -> new ArrayList<>()).add(receipt.header("message-id"));
                }
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
                sleep(200);
            }
        }
        throw new IllegalStateException("message " + clientMessageId + " never acknowledged", last);
    }

    List<String> acknowledged() {
        synchronized (ackedBySender) {
            List<String> all = new ArrayList<>();
            ackedBySender.values().forEach(all::addAll);
            return all;
        }
    }

    /** The end state: every check in the class comment, against the devices and the stored history. */
    void verify(List<CheckedDevice> devices, CheckedDevice reader) {
        List<String> acked = acknowledged();
        assertThat(acked).as("messages acknowledged").isNotEmpty();
        for (CheckedDevice device : devices) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                device.sync();
                assertThat(device.seen()).as("messages seen by " + device.user).containsAll(acked);
            });
            List<String> live = device.live();
            assertThat(live).as("live deliveries to " + device.user + " without duplicates").doesNotHaveDuplicates();
        }
        List<String> stored = history(reader);
        assertThat(stored).as("stored history without duplicates").doesNotHaveDuplicates();
        assertThat(stored).as("every acknowledged message stored").containsAll(acked);
        assertThat(stored).as("nothing stored that was not acknowledged").hasSameSizeAs(acked);
        synchronized (ackedBySender) {
            ackedBySender.forEach((sender, ids) -> {
                List<Long> numeric = ids.stream().map(Long::parseLong).toList();
                List<Long> sorted = new ArrayList<>(numeric);
                Collections.sort(sorted);
                assertThat(numeric).as("messages of " + sender + " in the order they were sent").isEqualTo(sorted);
            });
        }
    }

    /** The conversation's whole history, oldest first, paged through /app/history. */
    private List<String> history(CheckedDevice reader) {
        List<String> newestFirst = new ArrayList<>();
        String before = null;
        for (int page = 0; page < 100; page++) {
            String body = "{\"conversationId\":\"" + conversation + "\",\"limit\":100"
                    + (before == null ? "" : ",\"before\":\"" + before + "\"") + "}";
            Views.HistoryReply reply = Frames.reply(TestNode.await(reader.client().request("/app/history", body)),
                    Views.HistoryReply.class);
            reply.messages().forEach(m -> newestFirst.add(m.id()));
            before = reply.nextBefore();
            if (before == null) {
                break;
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
