package nl.klaslijn.chat.it;

import static nl.klaslijn.chat.it.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.protocol.LiveViews.ResyncEvent;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.devstack.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis slow is not Redis down, as the clients see it: a stall shorter than the failed probes sends no
 * {@code resync}; a real outage does, with the jitter clients must wait; a flapping Redis makes a node send
 * resyncs no closer than the minimum interval, and the last one says live delivery is back. Two nodes on a
 * redis-server of this class's own per test.
 */
class RedisSlowIsNotDownIT {

    /** Slack for reading the clock on arrival rather than on sending (loopback, a busy machine). */
    private static final Duration ARRIVAL_SLACK = Duration.ofMillis(150);

    private final RedisServer redis = RedisServer.onFreePort();
    private final List<AutoCloseable> closing = new ArrayList<>();

    private record Arrived(ResyncEvent resync, long nanos) {}

    @BeforeEach
    void startRedis() {
        redis.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        redis.close();
    }

    @Test
    void aRedisStallShorterThanTheFailedProbesSendsNoResync() {
        TestCluster cluster = closeLater(new TestCluster(redis, 2));
        UUID teacher = cluster.person("Juf");
        UUID parent = cluster.person("Ouder");
        Conversation group = cluster.conversation(ConversationKind.GROUP, List.of(teacher, parent));
        try (StompClient t = cluster.connect(0, teacher); StompClient p = cluster.connect(1, parent)) {
            // Longer than one ping's or publish's timeout (TestCluster: 500 ms), short of 3 failed pings in a row.
            CompletableFuture<StompFrame>[] during = new CompletableFuture[1];
            stallRedis(Duration.ofMillis(1_000), () ->
                    during[0] = t.sendMessage(group.id(), "during-stall", "Even geduld").toCompletableFuture());
            String duringId = await(during[0]).header("message-id");

            String afterId = await(t.sendMessage(group.id(), "after-stall", "Nog steeds live")).header("message-id");

            List<String> before = eventTypesUntilMessage(p, duringId);
            assertThat(before).as("events before the message sent during the stall").doesNotContain("resync");
            assertThat(eventTypesUntilMessage(p, afterId)).as("events between the two messages").doesNotContain("resync");
        }
    }

    @Test
    void aRedisOutageStillSendsResyncCarryingTheJitter() {
        TestCluster cluster = closeLater(new TestCluster(redis, 2));
        UUID parent = cluster.person("Ouder");
        try (StompClient p = cluster.connect(1, parent)) {
            redis.stop();
            ResyncEvent interrupted = resync(p);
            redis.start();
            ResyncEvent resumed = resync(p);

            assertThat(interrupted.live()).isFalse();
            assertThat(resumed.live()).isTrue();
            long jitter = cluster.broker.resyncJitter().toMillis();
            assertThat(jitter).isPositive();
            assertThat(interrupted.jitterMs()).isEqualTo(jitter);
            assertThat(resumed.jitterMs()).isEqualTo(jitter);
        }
    }

    @Test
    void aFlappingRedisSendsResyncsNoCloserThanTheMinimumIntervalAndTheLastSaysLive() {
        // An interval well above the time a node takes from interrupted to resumed, so unpaced resyncs would come closer.
        TestCluster cluster = closeLater(new TestCluster(redis, 2, broker -> broker.withResyncMinInterval(Duration.ofSeconds(4))));
        UUID parent = cluster.person("Ouder");
        List<Arrived> arrived = new CopyOnWriteArrayList<>();
        try (StompClient p = cluster.connect(1, parent)) {
            p.onMessage(frame -> {
                if ("resync".equals(frame.header("event-type"))) {
                    arrived.add(new Arrived(Wire.decode(frame.body(), ResyncEvent.class), System.nanoTime()));
                }
            });
            for (int i = 0; i < 3; i++) {
                redis.restart();
            }

            // The resync for the last resumption is not lost, however many came just before it.
            await().atMost(Duration.ofSeconds(30)).until(() -> !arrived.isEmpty()
                    && arrived.get(arrived.size() - 1).resync().live());

            assertThat(arrived.get(0).resync().live()).as("the first resync says live delivery stopped").isFalse();
            Duration interval = cluster.broker.resyncMinInterval();
            for (int i = 1; i < arrived.size(); i++) {
                Duration gap = Duration.ofNanos(arrived.get(i).nanos() - arrived.get(i - 1).nanos());
                assertThat(gap).as("gap before resync %d of %d", i + 1, arrived.size())
                        .isGreaterThanOrEqualTo(interval.minus(ARRIVAL_SLACK));
            }
        }
    }

    /** The event types the client received up to (not including) the chat message with this id. */
    private static List<String> eventTypesUntilMessage(StompClient client, String messageId) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            StompFrame frame = Frames.next(client);
            String type = frame.header("event-type");
            if ("message".equals(type) && messageId.equals(frame.header("message-id"))) {
                return types;
            }
            types.add(type);
        }
        throw new AssertionError("message " + messageId + " never arrived");
    }

    /** Pauses every client of Redis for {@code pause} (CLIENT PAUSE), runs {@code meanwhile}, returns once it is over. */
    private void stallRedis(Duration pause, Runnable meanwhile) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> pausing = client.connect();
                StatefulRedisConnection<String, String> waiting = client.connect()) {
            waiting.setTimeout(Duration.ofSeconds(10));
            pausing.sync().clientPause(pause.toMillis());
            meanwhile.run();
            waiting.sync().ping(); // answered only once the pause is over
        } finally {
            client.shutdown();
        }
    }

    private static ResyncEvent resync(StompClient client) {
        return Wire.decode(Frames.nextEvent(client, "resync").body(), ResyncEvent.class);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.add(resource);
        return resource;
    }
}
