package nl.klaslijn.chat.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.devstack.redis.RedisServer;
import nl.klaslijn.devstack.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker contract on Redis (the shared test redis-server; two brokers are two chat nodes), and the
 * failure behaviour, each fault test on a redis-server of its own.
 */
class RedisBrokerIT extends BrokerContract {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    private RedisServer server = TestRedis.shared();
    private BrokerSettings settings = settingsFor(server);
    private RedisServer ownServer;

    @Override
    protected Broker newBroker(BrokerListener listener) {
        return RedisBroker.connect(settings, listener);
    }

    @AfterEach
    void closeOwnServer() {
        if (ownServer != null) {
            ownServer.close();
        }
    }

    @Test
    void usesShardedPubSubExactlyWhenTheServerSupportsIt() {
        Node a = node();

        assertThat(((RedisBroker) a.broker()).usesShardedPubSub()).isEqualTo(server.supportsShardedPubSub());
    }

    @Test
    void fallsBackToClassicPubSubWhenShardedIsOff() {
        settings = settings.withSharded(BrokerSettings.Sharded.OFF);
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        join(a.broker().publish(channel, bytes("classic")));

        assertThat(((RedisBroker) a.broker()).usesShardedPubSub()).isFalse();
        await().atMost(WAIT).until(() -> b.received().got(channel, "classic"));
    }

    @Test
    void failsToConnectWhenRedisIsDown() {
        RedisServer down = useOwnServer();
        down.stop();

        assertThatThrownBy(() -> Brokers.create(settings, new Recorder())).isInstanceOf(BrokerUnavailableException.class);
    }

    @Test
    void reportsInterruptedThenResumedAcrossARedisRestartAndDeliversAgainWithoutResubscribing() {
        useOwnServer();
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        server.restart();

        await().atMost(WAIT).until(() -> b.received().health.equals(java.util.List.of("interrupted", "resumed")));
        assertThat(b.broker().isLive()).isTrue();
        assertDeliveredEventually(a, b, channel, "after restart");
    }

    @Test
    void recoversFromAKilledRedisThatComesBack() {
        useOwnServer();
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        server.kill();
        await().atMost(WAIT).until(() -> b.received().health.contains("interrupted"));
        assertThat(b.broker().isLive()).isFalse();
        assertThat(failure(a.broker().publish(channel, bytes("lost")))).isInstanceOf(BrokerUnavailableException.class);
        server.start();

        await().atMost(WAIT).until(() -> b.received().health.equals(java.util.List.of("interrupted", "resumed")));
        assertDeliveredEventually(a, b, channel, "after kill");
        assertThat(b.received().texts(channel)).doesNotContain("lost");
    }

    @Test
    void appliesSubscriptionChangesMadeWhileInterruptedOnResumption() {
        useOwnServer();
        Node a = node();
        Node b = node();
        String kept = channel();
        String added = channel();
        String removed = channel();
        join(b.broker().subscribe(kept));
        join(b.broker().subscribe(removed));

        server.kill();
        await().atMost(WAIT).until(() -> b.received().health.contains("interrupted"));
        b.broker().subscribe(added);
        b.broker().unsubscribe(removed);
        server.start();
        await().atMost(WAIT).until(() -> b.received().health.contains("resumed"));

        assertDeliveredEventually(a, b, added, "added");
        assertDeliveredEventually(a, b, kept, "kept");
        join(a.broker().publish(removed, bytes("removed")));
        join(a.broker().publish(kept, bytes("sentinel")));
        await().atMost(WAIT).until(() -> b.received().got(kept, "sentinel"));
        assertThat(b.received().texts(removed)).isEmpty();
        await().atMost(WAIT).until(() -> subscribersOnServer(removed) == 0);
        assertThat(subscribersOnServer(kept)).isEqualTo(1);
    }

    @Test
    void publishFailsWithinTheTimeoutInsteadOfHangingWhileRedisIsFrozen() {
        useOwnServer();
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        server.freeze();
        long started = System.nanoTime();
        CompletableFuture<Void> publish = a.broker().publish(channel, bytes("frozen")).toCompletableFuture();
        long callNanos = System.nanoTime() - started;

        assertThat(Duration.ofNanos(callNanos)).isLessThan(COMMAND_TIMEOUT);
        assertThat(failure(publish)).isInstanceOf(BrokerUnavailableException.class);
        // The publish itself times out, then each of the failed-probes PINGs that would have confirmed it.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(COMMAND_TIMEOUT.multipliedBy(3L + settings.failedProbes()));
        await().atMost(WAIT).until(() -> b.received().health.contains("interrupted"));

        server.resume();
        await().atMost(WAIT).until(() -> b.received().health.equals(java.util.List.of("interrupted", "resumed")));
        assertDeliveredEventually(a, b, channel, "thawed");
    }

    /**
     * Slow is not down: a Redis that stalls for longer than one ping's timeout but shorter than
     * {@code failedProbes} pings loses no subscription, so the node must not tell its clients to resync.
     */
    @Test
    void aRedisThatStallsForLessThanTheFailedProbesIsNotAnInterruption() {
        useOwnServer();
        settings = settings.withFailedProbes(3);
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        stallRedis(COMMAND_TIMEOUT.plusMillis(300), () -> {}); // the ping sent just before or during it times out

        assertDeliveredEventually(a, b, channel, "after the stall");
        assertThat(b.received().health).isEmpty();
        assertThat(b.broker().isLive()).isTrue();
    }

    /**
     * A publish that times out because Redis stalls was still taken by Redis (it answers a connection's
     * commands in order): once Redis answers again it succeeds, and is delivered exactly once, instead of
     * failing (a failed publish makes every node catch up).
     */
    @Test
    void aPublishThatTimesOutWhileRedisStallsSucceedsOnceRedisAnswersAgain() {
        useOwnServer();
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));
        CompletableFuture<Void>[] during = new CompletableFuture[1];

        stallRedis(COMMAND_TIMEOUT.multipliedBy(2), () ->
                during[0] = a.broker().publish(channel, bytes("during the stall")).toCompletableFuture());

        assertThat(failure(during[0])).as("the publish's outcome").isNull();
        join(a.broker().publish(channel, bytes("sentinel")));
        await().atMost(WAIT).until(() -> b.received().got(channel, "sentinel"));
        assertThat(b.received().texts(channel)).containsExactly("during the stall", "sentinel");
    }

    /**
     * Pauses every client of the server for {@code pause} (CLIENT PAUSE), runs {@code meanwhile} and returns
     * once the pause is over.
     */
    private void stallRedis(Duration pause, Runnable meanwhile) {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> pausing = client.connect();
                StatefulRedisConnection<String, String> waiting = client.connect()) {
            waiting.setTimeout(WAIT);
            pausing.sync().clientPause(pause.toMillis());
            meanwhile.run();
            waiting.sync().ping(); // answered only when the pause is over
        } finally {
            client.shutdown();
        }
    }

    /** How many connections the server has subscribed to {@code channel} (sharded or classic, as the broker uses). */
    private long subscribersOnServer(String channel) {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String wire = "it:" + channel;
            Map<String, Long> counts = server.supportsShardedPubSub()
                    ? connection.sync().pubsubShardNumsub(wire)
                    : connection.sync().pubsubNumsub(wire);
            return counts.getOrDefault(wire, 0L);
        } finally {
            client.shutdown();
        }
    }

    /** Switches this test to a redis-server of its own, which it may restart, kill or freeze. */
    private RedisServer useOwnServer() {
        ownServer = RedisServer.onFreePort();
        ownServer.start();
        server = ownServer;
        settings = settingsFor(ownServer);
        return ownServer;
    }

    private static BrokerSettings settingsFor(RedisServer redis) {
        return BrokerSettings.redis(redis.uri())
                .withChannelPrefix("it:")
                .withCommandTimeout(COMMAND_TIMEOUT)
                .withHealthInterval(Duration.ofMillis(200))
                .withMaxReconnectDelay(Duration.ofMillis(200));
    }

    /** Publishes until a publish is accepted (the publisher reconnects on its own), then awaits delivery. */
    private static void assertDeliveredEventually(Node from, Node to, String channel, String text) {
        await().atMost(WAIT).until(() -> failure(from.broker().publish(channel, bytes(text))) == null);
        await().atMost(WAIT).until(() -> to.received().got(channel, text));
    }

    /** The failure of {@code stage} once it completed (null on success); fails if it takes longer than WAIT. */
    private static Throwable failure(java.util.concurrent.CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("stage did not complete within " + WAIT, e);
        }
    }
}
