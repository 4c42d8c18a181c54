package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.protocol.Views;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault injection in the send path, on the real driver and a real Cassandra ({@link FaultySession}): each
 * statement of a send fails or is held in turn, the client retries with the same client message id, and
 * an offline member's catch-up returns the message while online members get it live exactly once.
 */
class LosslessSendIT {

    private static final String ROW = "INSERT INTO messages";
    private static final String BUCKET_MARKER = "INSERT INTO conversation_buckets";
    private static final String INDEX_BATCH = "UPDATE user_conversations USING TIMESTAMP :write_micros SET last_message_id";
    private static final String FINISH = "UPDATE message_claims SET completed";

    private static FaultySession faults;
    private static TestNode node;

    @BeforeAll
    static void start() {
        faults = new FaultySession(TestDatabase.session());
        node = new TestNode(faults.session(), TestNodeIds.next(),
                EdgeSettings.builder().sendsPerSecond(1000).sendBurst(1000), Duration.ofDays(7),
                TestNode.UNCHECKED_CLOCK, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aRetryAfterTheRowWriteFailedStoresAndDeliversTheMessageOnce() {
        retryAfterFailureDeliversOnce(ROW);
    }

    @Test
    void aRetryAfterTheBucketMarkerFailedWritesTheMarkerAndDeliversTheMessageOnce() {
        retryAfterFailureDeliversOnce(BUCKET_MARKER);
    }

    @Test
    void aRetryAfterTheIndexUpdateFailedUpdatesTheIndexAndDeliversTheMessageOnce() {
        retryAfterFailureDeliversOnce(INDEX_BATCH);
    }

    private void retryAfterFailureDeliversOnce(String failing) {
        UUID sender = node.person("Sanne");
        UUID online = node.person("Joost");
        UUID offline = node.person("Fatima");
        Conversation group = node.group("fault " + failing, List.of(sender, online, offline));
        try (StompClient joost = node.connect(online)) {
            faults.failNext(failing);
            try (StompClient first = node.connect(sender)) {
                Frames.assertError(first.sendMessage(group.id(), "c-1", "Hoi allemaal"), "storage-unavailable");
            }
            String id;
            try (StompClient retry = node.connect(sender)) {
                id = await(retry.sendMessage(group.id(), "c-1", "Hoi allemaal")).header("message-id");
            }
            assertLiveOnce(joost, id);
            assertCaughtUpOnce(offline, group, id);
        }
    }

    @Test
    void aSendWhoseSessionClosedMidSendIsDeliveredOnceAndItsRetryIsADuplicate() {
        UUID sender = node.person("Sanne");
        UUID online = node.person("Joost");
        UUID offline = node.person("Fatima");
        Conversation group = node.group("closed mid-send", List.of(sender, online, offline));
        try (StompClient joost = node.connect(online)) {
            FaultySession.Hold hold = faults.holdNext(INDEX_BATCH);
            StompClient first = node.connect(sender);
            first.sendMessage(group.id(), "c-2", "Tot morgen");
            await(hold.reached);
            first.abort();
            hold.release();
            String live = Frames.nextMessage(joost).id();
            try (StompClient retry = node.connect(sender)) {
                StompFrame receipt = await(retry.sendMessage(group.id(), "c-2", "Tot morgen"));
                assertThat(receipt.header("message-id")).isEqualTo(live);
                assertThat(receipt.header("duplicate")).isEqualTo("true");
            }
            Frames.assertNoMoreMessages(joost);
            assertCaughtUpOnce(offline, group, live);
        }
    }

    @Test
    void aRetryWhileTheFirstAttemptIsStillUnderWayIsDeliveredOnceByWhicheverFinishesFirst() {
        UUID sender = node.person("Sanne");
        UUID online = node.person("Joost");
        UUID offline = node.person("Fatima");
        Conversation group = node.group("concurrent retry", List.of(sender, online, offline));
        try (StompClient joost = node.connect(online)) {
            FaultySession.Hold hold = faults.holdNext(INDEX_BATCH);
            StompClient first = node.connect(sender);
            first.sendMessage(group.id(), "c-3", "Twee keer verstuurd");
            await(hold.reached);
            first.abort();
            String id;
            try (StompClient retry = node.connect(sender)) {
                id = await(retry.sendMessage(group.id(), "c-3", "Twee keer verstuurd")).header("message-id");
            }
            assertThat(Frames.nextMessage(joost).id()).isEqualTo(id);
            CompletableFuture<Void> firstFinished = faults.watchNext(FINISH);
            hold.release();
            await(firstFinished);
            Frames.assertNoMoreMessages(joost);
            assertCaughtUpOnce(offline, group, id);
        }
    }

    @Test
    void aSendHeldPastTheInFlightWindowWhileAnotherClientSyncsComesInThatClientsNextSync() {
        UUID sender = node.person("Sanne");
        UUID other = node.person("Joost");
        UUID reader = node.person("Fatima");
        Conversation group = node.group("slow send", List.of(sender, other, reader));
        try (StompClient sanne = node.connect(sender); StompClient joost = node.connect(other);
                StompClient fatima = node.connect(reader)) {
            FaultySession.Hold hold = faults.holdNext(ROW);
            CompletionStage<StompFrame> slow = sanne.sendMessage(group.id(), "slow-1", "Ik ben laat");
            await(hold.reached);
            String after = await(joost.sendMessage(group.id(), "after-1", "Ik niet")).header("message-id");
            node.clock.advance(Duration.ofSeconds(11));
            Views.SyncReply synced = sync(fatima, "0");
            assertThat(Long.parseLong(synced.syncPoint())).as("the sync point passed the slow message's first id")
                    .isGreaterThanOrEqualTo(Long.parseLong(after));

            hold.release();
            String acknowledged = await(slow).header("message-id");

            Views.SyncReply next = sync(fatima, synced.syncPoint());
            assertThat(messagesOf(next, group)).extracting(Views.MessageView::id).containsExactly(acknowledged);
            assertThat(history(fatima, group)).extracting(Views.MessageView::clientMessageId)
                    .containsExactly("slow-1", "after-1");
        }
    }

    @Test
    void theSameClientMessageIdWithAnotherTextIsRefusedAndTheFirstMessageStays() {
        UUID sender = node.person("Sanne");
        UUID reader = node.person("Joost");
        Conversation group = node.group("reused id", List.of(sender, reader));
        try (StompClient joost = node.connect(reader)) {
            String id;
            try (StompClient sanne = node.connect(sender)) {
                id = await(sanne.sendMessage(group.id(), "counter-7", "Eerste bericht")).header("message-id");
                Frames.assertError(sanne.sendMessage(group.id(), "counter-7", "Een ander bericht"), "client-id-reused");
            }
            assertThat(Frames.nextMessage(joost).id()).isEqualTo(id);
            Frames.assertNoMoreMessages(joost);
            assertThat(history(joost, group)).extracting(Views.MessageView::text).containsExactly("Eerste bericht");
        }
    }

    private static void assertLiveOnce(StompClient online, String id) {
        assertThat(Frames.nextMessage(online).id()).isEqualTo(id);
        Frames.assertNoMoreMessages(online);
    }

    private static void assertCaughtUpOnce(UUID offline, Conversation group, String id) {
        try (StompClient back = node.connect(offline)) {
            assertThat(messagesOf(sync(back, "0"), group)).extracting(Views.MessageView::id).containsExactly(id);
            assertThat(history(back, group)).extracting(Views.MessageView::id).containsExactly(id);
        }
    }

    private static Views.SyncReply sync(StompClient client, String since) {
        return Frames.reply(await(client.request("/app/sync", "{\"since\":\"" + since + "\"}")), Views.SyncReply.class);
    }

    private static List<Views.MessageView> messagesOf(Views.SyncReply reply, Conversation group) {
        return reply.conversations().stream()
                .filter(c -> c.conversation().id().equals(group.id().toString()))
                .flatMap(c -> c.messages().stream())
                .toList();
    }

    private static List<Views.MessageView> history(StompClient client, Conversation group) {
        return Frames.reply(await(client.request("/app/history", "{\"conversationId\":\"" + group.id() + "\"}")),
                Views.HistoryReply.class).messages();
    }
}
