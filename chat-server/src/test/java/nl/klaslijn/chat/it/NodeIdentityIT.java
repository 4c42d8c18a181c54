package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.nodes.NodeIdTakenException;
import nl.klaslijn.chat.nodes.NodeSettings;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Node ids are leased in Cassandra, and a node whose clock is off issues no ids and no sync points. */
class NodeIdentityIT {

    private static final NodeSettings CHECKED = NodeSettings.DEFAULTS;
    private static final NodeSettings SHORT_LEASE = new NodeSettings(Duration.ofSeconds(3), Duration.ofSeconds(1), false);

    @Test
    void aSecondNodeWithATakenNodeIdRefusesToStartAndMayStartOnceTheFirstStopped() {
        int id = TestNodeIds.next();
        TestNode first = start(id, CHECKED, Duration.ZERO);
        try {
            assertThatThrownBy(() -> start(id, CHECKED, Duration.ZERO))
                    .isInstanceOf(NodeIdTakenException.class)
                    .hasMessageContaining("klaslijn.chat.node-id " + id);
        } finally {
            first.close();
        }
        start(id, CHECKED, Duration.ZERO).close();
    }

    @Test
    void theIdOfANodeThatDiedWithoutReleasingItIsFreeAgainWhenItsLeaseExpires() {
        int id = TestNodeIds.next();
        session().execute("INSERT INTO node_leases (node_id, owner, claimed_at) VALUES (?, ?, toTimestamp(now()))"
                + " USING TTL 3", id, UUID.randomUUID());
        assertThatThrownBy(() -> start(id, SHORT_LEASE, Duration.ZERO)).isInstanceOf(NodeIdTakenException.class);
        AtomicReference<TestNode> started = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreException(NodeIdTakenException.class)
                .until(() -> started.compareAndSet(null, start(id, SHORT_LEASE, Duration.ZERO)));
        started.get().close();
    }

    @Test
    void aNodeWhoseLeaseWasTakenByAnotherOwnerStopsIssuingIds() {
        int id = TestNodeIds.next();
        try (TestNode node = start(id, SHORT_LEASE, Duration.ZERO)) {
            UUID a = node.person("A");
            UUID b = node.person("B");
            Conversation group = node.group("lease", List.of(a, b));
            try (StompClient client = node.connect(a)) {
                await(client.sendMessage(group.id(), "before", "still mine"));
            }
            session().execute("UPDATE node_leases USING TTL 30 SET owner = ? WHERE node_id = ?", UUID.randomUUID(), id);
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                try (StompClient client = node.connect(a)) {
                    await(client.sendMessage(group.id(), "after-" + UUID.randomUUID(), "not any more"));
                    return false;
                } catch (StompErrorException e) {
                    assertThat(e.errorCode()).isEqualTo("node-unavailable");
                    return true;
                }
            });
        }
    }

    @Test
    void withNodeClocksFifteenSecondsApartNoAcknowledgedMessageFallsBehindASyncPoint() {
        try (TestNode good = start(TestNodeIds.next(), CHECKED, Duration.ZERO);
                TestNode behind = start(TestNodeIds.next(), CHECKED, Duration.ofSeconds(-15));
                TestNode ahead = start(TestNodeIds.next(), CHECKED, Duration.ofSeconds(15))) {
            UUID sender = good.person("Sanne");
            UUID reader = good.person("Joost");
            Conversation group = good.group("skew", List.of(sender, reader));
            try (StompClient sanne = connect(good, good.school, sender);
                    StompClient joost = connect(good, good.school, reader)) {
                await(sanne.sendMessage(group.id(), "m-1", "op tijd"));
                Views.SyncReply synced = sync(joost, "0");

                try (StompClient late = connect(behind, good.school, sender)) {
                    Frames.assertError(late.sendMessage(group.id(), "m-2", "uit het verleden"), "node-unavailable");
                }
                try (StompClient early = connect(ahead, good.school, reader)) {
                    Frames.assertError(early.request("/app/sync", "{\"since\":\"" + synced.syncPoint() + "\"}"),
                            "node-unavailable");
                }

                String later = await(sanne.sendMessage(group.id(), "m-3", "weer op tijd")).header("message-id");
                Views.SyncReply next = sync(joost, synced.syncPoint());
                assertThat(next.conversations()).flatExtracting(Views.ChangedConversation::messages)
                        .extracting(Views.MessageView::id).contains(later);
            }
        }
    }

    private static TestNode start(int id, NodeSettings nodes, Duration clockOffset) {
        return new TestNode(session(), id, EdgeSettings.builder(), Duration.ofDays(7), nodes, clockOffset);
    }

    private static CqlSession session() {
        return TestDatabase.session();
    }

    /** Connects to {@code via} with a token that node issues (its own clock), for a user of {@code school}. */
    private static StompClient connect(TestNode via, UUID school, UUID user) {
        String token = via.signer.issue(user, school, EnumSet.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(10));
        StompClient client = StompClient.connect(via.uri(), token, Duration.ofSeconds(10));
        await(client.subscribe("/user/events"));
        await(client.subscribe("/user/replies"));
        return client;
    }

    private static Views.SyncReply sync(StompClient client, String since) {
        return Frames.reply(await(client.request("/app/sync", "{\"since\":\"" + since + "\"}")), Views.SyncReply.class);
    }
}
