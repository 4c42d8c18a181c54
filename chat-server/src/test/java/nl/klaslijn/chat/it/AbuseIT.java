package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.core.ClientSession;
import nl.klaslijn.chat.core.SessionLimits;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.edge.NettyConnection;
import nl.klaslijn.chat.edge.RawWebSocket;
import nl.klaslijn.chat.protocol.Views;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Abuse stays bounded, on a real node with real Cassandra and real sockets: floods of SUBSCRIBE/UNSUBSCRIBE
 * and of {@code since=0} syncs, too many requests in flight, too many connections of one user, and a sync
 * too large for one reply. Each offender is closed with its precise error while two bystanders keep chatting.
 */
class AbuseIT {

    private static final int MAX_IN_FLIGHT = 4;
    private static final int MAX_CONNECTIONS = 3;
    private static final int SYNC_BUDGET = 64 * 1024;
    private static final long OUTBOUND_CAP = 1024 * 1024;

    private static TestNode node;
    private static UUID heavy;
    private static final Set<String> heavyHistory = new HashSet<>();

    private UUID alice;
    private UUID bob;
    private Conversation bystanders;
    private StompClient aliceClient;
    private StompClient bobClient;

    @BeforeAll
    static void start() {
        node = new TestNode(EdgeSettings.builder().maxPendingOutboundBytes(OUTBOUND_CAP), Duration.ofDays(7),
                new SessionLimits(MAX_IN_FLIGHT, MAX_CONNECTIONS, SYNC_BUDGET));
        // A parent with a large history: 20 conversations of 5 long messages, ~400 KB of sync in all.
        heavy = node.person("Heavy");
        UUID writer = node.person("Writer");
        String text = "lang bericht ".repeat(300);
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            Conversation conversation = node.group("heavy-" + c, List.of(writer, heavy));
            for (int m = 0; m < 5; m++) {
                sends.add(node.server.messages().send(conversation, writer, "h-" + c + "-" + m, text)
                        .thenAccept(r -> {
                            synchronized (heavyHistory) {
                                heavyHistory.add(Long.toString(r.message().id()));
                            }
                        }).toCompletableFuture());
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void bystandersChat() {
        alice = node.person("Alice");
        bob = node.person("Bob");
        bystanders = node.group("bystanders", List.of(alice, bob));
        aliceClient = node.connect(alice);
        bobClient = node.connect(bob);
    }

    @AfterEach
    void bystandersStillChat() {
        StompFrame receipt = await(aliceClient.sendMessage(bystanders.id(), UUID.randomUUID().toString(), "still here"));
        assertThat(Frames.skipTo(bobClient, receipt.header("message-id")).text()).isEqualTo("still here");
        aliceClient.close();
        bobClient.close();
    }

    @Test
    void aFloodOfSubscribeAndUnsubscribeIsClosedWithRateLimited() {
        UUID flooder = node.person("Flooder");
        try (StompClient client = StompClient.connect(node.uri(), node.token(flooder), Duration.ofSeconds(10))) {
            try {
                for (int i = 0; i < 200 && !client.closed().isDone(); i++) {
                    client.sendRaw("SUBSCRIBE\nid:f" + i + "\ndestination:/user/replies\n\n\0");
                    client.sendRaw("UNSUBSCRIBE\nid:f" + i + "\n\n\0");
                }
            } catch (java.util.concurrent.CompletionException closedByServer) {
                // the server closed the connection between two frames
            }
            StompFrame error = client.closed().orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(error).as("an ERROR frame").isNotNull();
            assertThat(error.header("error-code")).isEqualTo("rate-limited");
        }
    }

    @Test
    void aUserBeyondTheConnectionCapIsRefusedAtConnectUntilADeviceLeaves() {
        UUID family = node.person("Family");
        List<StompClient> devices = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                devices.add(node.connect(family));
            }
            assertThatThrownBy(() -> StompClient.connect(node.uri(), node.token(family), Duration.ofSeconds(10)))
                    .isInstanceOf(StompErrorException.class)
                    .satisfies(e -> assertThat(((StompErrorException) e).errorCode()).isEqualTo("too-many-connections"));
            assertThat(sessionsOf(family)).isEqualTo(MAX_CONNECTIONS);
            devices.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOf(family) == MAX_CONNECTIONS - 1);
            devices.add(node.connect(family));
            assertThat(sessionsOf(family)).isEqualTo(MAX_CONNECTIONS);
        } finally {
            devices.forEach(StompClient::close);
        }
    }

    @Test
    void moreRequestsInFlightThanAllowedGetTooManyInFlight() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(node.server.port())) {
            assertThat(raw.connect(node.token(heavy)).text()).startsWith("CONNECTED");
            raw.write(RawWebSocket.text("SUBSCRIBE\nid:r\ndestination:/user/replies\nreceipt:sub\n\n\0"));
            assertThat(raw.nextText().text()).startsWith("RECEIPT");
            // Twelve syncs of the heavy history in one TCP write: the node reads them in one go, long before the
            // first one's Cassandra reads are back.
            byte[][] requests = new byte[12][];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = RawWebSocket.text("SEND\ndestination:/app/sync\ncorrelation-id:c" + i + "\nreceipt:q" + i
                        + "\n\n{\"since\":\"0\"}\0");
            }
            raw.write(RawWebSocket.concat(requests));
            RawWebSocket.Frame error = raw.untilError();
            assertThat(error).as("an ERROR frame").isNotNull();
            assertThat(error.header("error-code")).isEqualTo("too-many-in-flight");
            assertThat(error.header("receipt-id")).isEqualTo("q" + MAX_IN_FLIGHT);
        }
    }

    @Test
    void aSyncLargerThanOneReplyComesInPagesThatTogetherHoldEveryMessageOnce() {
        try (StompClient phone = node.connect(heavy)) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            Views.SyncReply reply;
            do {
                String body = "{\"since\":\"0\"" + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}";
                StompFrame frame = await(phone.request("/app/sync", body));
                assertThat(frame.body().getBytes(StandardCharsets.UTF_8).length).as("reply within the budget")
                        .isLessThanOrEqualTo(SYNC_BUDGET + 1024);
                reply = Frames.reply(frame, Views.SyncReply.class);
                for (Views.ChangedConversation c : reply.conversations()) {
                    assertThat(c.complete()).isTrue();
                    c.messages().forEach(m -> seen.add(m.id()));
                }
                if (reply.partial()) {
                    assertThat(reply.syncPoint()).as("a partial page does not move the sync point").isEqualTo("0");
                    assertThat(reply.cursor()).isNotNull();
                }
                cursor = reply.cursor();
                pages++;
            } while (reply.partial() && pages < 50);
            assertThat(reply.partial()).isFalse();
            assertThat(reply.cursor()).isNull();
            assertThat(pages).as("the history needed several pages").isGreaterThan(2);
            assertThat(seen).as("every message exactly once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(heavyHistory);
            assertThat(Long.parseLong(reply.syncPoint())).isPositive();
        }
    }

    @Test
    void aFloodOfSinceZeroSyncsFromAClientThatDoesNotReadIsClosedWithinTheOutboundCap() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(node.server.port())) {
            assertThat(raw.connect(node.token(heavy)).text()).startsWith("CONNECTED");
            raw.write(RawWebSocket.text("SUBSCRIBE\nid:r\ndestination:/user/replies\nreceipt:sub\n\n\0"));
            assertThat(raw.nextText().text()).startsWith("RECEIPT");
            NettyConnection connection = connectionOf(heavy);
            byte[][] requests = new byte[30][];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = RawWebSocket.text("SEND\ndestination:/app/sync\ncorrelation-id:f" + i
                        + "\n\n{\"since\":\"0\",\"limit\":200}\0");
            }
            raw.write(RawWebSocket.concat(requests));
            long[] maxPending = {0};
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30)).until(() -> {
                maxPending[0] = Math.max(maxPending[0], connection.pendingOutboundBytes());
                return !connection.isOpen();
            });
            assertThat(maxPending[0]).as("queued replies stayed within the outbound cap")
                    .isLessThanOrEqualTo(OUTBOUND_CAP + 4096);
            RawWebSocket.Frame error = raw.untilError();
            assertThat(error).as("an ERROR frame").isNotNull();
            assertThat(error.header("error-code")).isIn("too-many-in-flight", "slow-consumer", "rate-limited");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOf(heavy) == 0);
    }

    private static int sessionsOf(UUID user) {
        int[] count = {0};
        node.server.sessions().forEachOfUser(user, s -> count[0]++);
        return count[0];
    }

    private static NettyConnection connectionOf(UUID user) {
        AtomicReference<ClientSession> found = new AtomicReference<>();
        node.server.sessions().forEachOfUser(user, found::set);
        return (NettyConnection) found.get().connection();
    }
}
