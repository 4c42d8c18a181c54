package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.PortalEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A portal event whose log write finishes after the in-flight window, while another device of the recipient syncs
 * past its first id, is logged again under a fresh id (against the real Cassandra, the write held by
 * {@link FaultySession}), so the next sync from that point still replays it, and it is delivered live once.
 */
class PortalEventDeadlineIT {

    private static final String LOG_WRITE = "INSERT INTO portal_event_log";
    private static FaultySession faults;
    private static TestNode node;

    @BeforeAll
    static void start() {
        faults = new FaultySession(TestDatabase.session());
        node = new TestNode(faults.session(), TestNodeIds.next(), EdgeSettings.builder(), Duration.ofDays(7),
                TestNode.UNCHECKED_CLOCK, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void anEventLoggedPastTheWindowIsLoggedAgainSoTheNextSyncStillReplaysIt() throws Exception {
        UUID parent = node.person("Ouder");
        PortalEventPosts posts = new PortalEventPosts(node);
        PortalEvent late = PortalEventPosts.event(node.school, "news", "news.published",
                Audience.users(List.of(parent)));
        node.clock.advance(Duration.ofSeconds(11));
        try (StompClient phone = node.connect(parent); StompClient laptop = node.connect(parent)) {
            String start = sync(laptop, "0").syncPoint();
            FaultySession.Hold hold = faults.holdNext(LOG_WRITE);
            CompletableFuture<HttpResponse<String>> posted = posts.postAsync(node.school, late);
            await(hold.reached);
            node.clock.advance(Duration.ofSeconds(11));
            Views.SyncReply passed = sync(laptop, start);
            assertThat(passed.portalEvents()).as("not yet readable").isEmpty();

            hold.release();
            assertThat(posted.get().statusCode()).isEqualTo(200);
            StompFrame live = Frames.nextEvent(phone, "portal");
            assertThat(Long.parseLong(live.header("message-id").substring(2)))
                    .as("published under the fresh id, after the point the laptop was given")
                    .isGreaterThan(Long.parseLong(passed.syncPoint()));
            node.clock.advance(Duration.ofSeconds(11));
            Views.SyncReply next = sync(laptop, passed.syncPoint());
            assertThat(next.portalEvents()).extracting(e -> e.get("eventId").asString())
                    .containsExactly(late.eventId().toString());
        }
    }

    private static Views.SyncReply sync(StompClient client, String since) {
        return Frames.reply(await(client.request("/app/sync", "{\"since\":\"" + since + "\"}")),
                Views.SyncReply.class);
    }
}
