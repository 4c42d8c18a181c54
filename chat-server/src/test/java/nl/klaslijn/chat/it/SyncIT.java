package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.protocol.Views;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History paging, catch-up after a disconnect, the conversation list with unread counts. */
class SyncIT {

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = new TestNode(EdgeSettings.builder().sendsPerSecond(1000).sendBurst(1000), Duration.ofDays(1));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void historyPagesBackwardsAcrossBucketBoundariesAndSkipsEmptyBuckets() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("history", List.of(a, b));
        List<String> sent = new ArrayList<>();
        // The clock moves four days; each stretch connects anew with a token of its own (tokens live minutes).
        for (int i = 1; i <= 8; i++) {
            if (i == 4) {
                node.clock.advance(Duration.ofDays(1));
            }
            if (i == 7) {
                node.clock.advance(Duration.ofDays(3));
            }
            try (StompClient sender = node.connect(a)) {
                sent.add(await(sender.sendMessage(c.id(), "h" + i, "message " + i)).header("message-id"));
            }
        }
        try (StompClient client = node.connect(a)) {
            List<Row> buckets = TestDatabase.session().execute("SELECT bucket FROM conversation_buckets WHERE school_id = ?"
                    + " AND conversation_id = ?", node.school, c.id()).all();
            assertThat(buckets).as("three non-empty buckets, the empty days between them not listed").hasSize(3);

            List<String> paged = new ArrayList<>();
            String before = null;
            int pages = 0;
            do {
                String body = "{\"conversationId\":\"" + c.id() + "\",\"limit\":3"
                        + (before == null ? "" : ",\"before\":\"" + before + "\"") + "}";
                Views.HistoryReply page = Frames.reply(await(client.request("/app/history", body)), Views.HistoryReply.class);
                page.messages().forEach(m -> paged.add(m.id()));
                before = page.nextBefore();
                pages++;
            } while (before != null && pages < 10);

            List<String> newestFirst = new ArrayList<>(sent);
            java.util.Collections.reverse(newestFirst);
            assertThat(paged).containsExactlyElementsOf(newestFirst);
        }
    }

    @Test
    void catchUpAfterDisconnectReturnsExactlyTheMissedMessagesInOrder() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("catch-up", List.of(a, b));
        try (StompClient sender = node.connect(a)) {
            StompClient phone = node.connect(b);
            String seen = await(sender.sendMessage(c.id(), "before", "seen live")).header("message-id");
            assertThat(Frames.nextMessage(phone).id()).isEqualTo(seen);
            phone.abort();

            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                missed.add(await(sender.sendMessage(c.id(), "missed-" + i, "while away " + i)).header("message-id"));
            }

            try (StompClient back = node.connect(b)) {
                Views.SyncReply sync = Frames.reply(await(back.request("/app/sync", "{\"since\":\"" + seen + "\"}")),
                        Views.SyncReply.class);
                assertThat(sync.conversations()).hasSize(1);
                Views.ChangedConversation changed = sync.conversations().get(0);
                assertThat(changed.conversation().id()).isEqualTo(c.id().toString());
                assertThat(changed.complete()).isTrue();
                assertThat(changed.messages()).extracting(Views.MessageView::id).containsExactlyElementsOf(missed);
                assertThat(Long.parseLong(sync.syncPoint())).isGreaterThanOrEqualTo(Long.parseLong(seen));
            }
        }
    }

    @Test
    void syncLimitReturnsTheNewestMessagesAndSaysItIsIncomplete() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("many", List.of(a, b));
        try (StompClient sender = node.connect(a); StompClient reader = node.connect(b)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(await(sender.sendMessage(c.id(), "n" + i, "n" + i)).header("message-id"));
            }
            Views.SyncReply sync = Frames.reply(await(reader.request("/app/sync", "{\"since\":\"0\",\"limit\":2}")),
                    Views.SyncReply.class);
            Views.ChangedConversation changed = sync.conversations().stream()
                    .filter(x -> x.conversation().id().equals(c.id().toString())).findFirst().orElseThrow();
            assertThat(changed.complete()).isFalse();
            assertThat(changed.messages()).extracting(Views.MessageView::id).containsExactly(ids.get(4), ids.get(5));
        }
    }

    @Test
    void syncPointAfterWritesSettleMakesTheNextSyncEmpty() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("settle", List.of(a, b));
        try (StompClient sender = node.connect(a); StompClient reader = node.connect(b)) {
            await(sender.sendMessage(c.id(), "s1", "one"));
            node.clock.advance(Duration.ofSeconds(11));
            Views.SyncReply first = Frames.reply(await(reader.request("/app/sync", "{\"since\":\"0\"}")), Views.SyncReply.class);
            assertThat(first.conversations()).hasSize(1);
            Views.SyncReply second = Frames.reply(await(reader.request("/app/sync",
                    "{\"since\":\"" + first.syncPoint() + "\"}")), Views.SyncReply.class);
            assertThat(second.conversations()).isEmpty();
        }
    }

    @Test
    void conversationListShowsLastMessageAndUnreadCountUntilRead() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("unread", List.of(a, b));
        try (StompClient sender = node.connect(a); StompClient reader = node.connect(b)) {
            String last = null;
            for (int i = 0; i < 3; i++) {
                last = await(sender.sendMessage(c.id(), "u" + i, "bericht " + i)).header("message-id");
            }
            Views.ConversationView view = listed(reader, c);
            assertThat(view.unread()).isEqualTo(3);
            assertThat(view.lastMessage().id()).isEqualTo(last);
            assertThat(view.lastMessage().preview()).isEqualTo("bericht 2");
            assertThat(listed(sender, c).unread()).as("own messages are not unread").isZero();

            await(reader.send("/app/conversations/" + c.id() + "/read", "{\"upTo\":\"" + last + "\"}"));
            assertThat(listed(reader, c).unread()).isZero();
            assertThat(listed(reader, c).readUpTo()).isEqualTo(last);
        }
    }

    @Test
    void readPointerNeverMovesBackwards() {
        UUID a = node.person("A");
        UUID b = node.person("B");
        Conversation c = node.group("pointer", List.of(a, b));
        try (StompClient sender = node.connect(a); StompClient reader = node.connect(b)) {
            String first = await(sender.sendMessage(c.id(), "p1", "1")).header("message-id");
            String second = await(sender.sendMessage(c.id(), "p2", "2")).header("message-id");
            await(reader.send("/app/conversations/" + c.id() + "/read", "{\"upTo\":\"" + second + "\"}"));
            await(reader.send("/app/conversations/" + c.id() + "/read", "{\"upTo\":\"" + first + "\"}"));
            assertThat(listed(reader, c).readUpTo()).isEqualTo(second);
        }
    }

    private static Views.ConversationView listed(StompClient client, Conversation c) {
        Views.ConversationsReply list = Frames.reply(await(client.request("/app/conversations", "{}")),
                Views.ConversationsReply.class);
        return list.conversations().stream().filter(v -> v.id().equals(c.id().toString())).findFirst().orElseThrow();
    }
}
