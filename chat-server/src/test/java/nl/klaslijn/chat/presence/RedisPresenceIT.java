package nl.klaslijn.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import nl.klaslijn.devstack.redis.RedisServer;
import nl.klaslijn.devstack.redis.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract on a real redis-server, plus what only a multi-node engine does. */
class RedisPresenceIT extends PresenceEngineContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Generous for the contract on the shared server (a busy machine); the fault tests wait on it at most a few times. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final String prefix = "pit-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private RedisServer ownServer;

    @AfterEach
    void closeOwnServer() {
        if (ownServer != null) {
            ownServer.close();
        }
    }

    @Override
    protected PresenceEngine newEngine() {
        return node(1);
    }

    private RedisPresence node(int id) {
        return RedisPresence.connect(TestRedis.shared().uri(), prefix, id, Duration.ofSeconds(15), COMMAND_TIMEOUT, 10_000);
    }

    /** A node on a redis-server of its own (which the test may stop or freeze), heart-beating every 200 ms. */
    private RedisPresence nodeOnOwnServer(int id, int requestQueueSize) {
        ownServer = RedisServer.onFreePort();
        ownServer.start();
        return RedisPresence.connect(ownServer.uri(), prefix, id, Duration.ofMillis(600), COMMAND_TIMEOUT, requestQueueSize);
    }

    @Test
    void commandsAgainstAFrozenRedisTimeOutAndTheQueueStaysBounded() {
        UUID user = UUID.randomUUID();
        try (RedisPresence frozen = nodeOnOwnServer(4, 30)) {
            ownServer.freeze();
            try {
                List<CompletableFuture<PresenceState>> reports = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    reports.add(frozen.report(school, user, i % 2 == 0 ? PresenceState.ONLINE : PresenceState.AWAY)
                            .toCompletableFuture());
                }

                await().atMost(WAIT).until(() -> reports.stream().allMatch(CompletableFuture::isDone));
                assertThat(reports).allMatch(CompletableFuture::isCompletedExceptionally);
                assertThat(reports).as("the first ones waited for Redis, up to the command timeout")
                        .anyMatch(report -> failure(report) instanceof RedisCommandTimeoutException);
                assertThat(reports).as("past the request queue size, commands are refused at once")
                        .anyMatch(report -> String.valueOf(failure(report).getMessage()).contains("queue"));
            } finally {
                ownServer.resume();
            }
        }
    }

    @Test
    void commandsWhileRedisIsDownFailAtOnceInsteadOfQueueing() {
        UUID user = UUID.randomUUID();
        try (RedisPresence cutOff = nodeOnOwnServer(5, 10_000)) {
            ownServer.stop();

            // Once Lettuce saw the connection go, a command is refused on the spot (not held until Redis is back).
            await().atMost(WAIT).until(() -> cutOff.report(school, user, PresenceState.ONLINE).toCompletableFuture()
                    .isCompletedExceptionally());
            assertThat(failure(cutOff.states(school, List.of(user)).toCompletableFuture())).isInstanceOf(RedisException.class);
            ownServer.start();
        }
    }

    @Test
    void aRedisThatComesBackWithoutItsDataGetsThisNodesEntriesAgain() {
        UUID user = UUID.randomUUID();
        try (RedisPresence restarted = nodeOnOwnServer(6, 10_000)) {
            join(restarted.report(school, user, PresenceState.ONLINE));

            ownServer.restart(); // no persistence: the restarted server holds nothing

            await().atMost(WAIT).ignoreExceptions().until(() ->
                    join(restarted.states(school, List.of(user))).get(user) == PresenceState.ONLINE);
        }
    }

    /** The failure a completed stage holds (null if it succeeded). */
    private static Throwable failure(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void aUserIsOnlineWhileAnyNodeHasThemOnline() {
        UUID user = UUID.randomUUID();
        try (RedisPresence other = node(2)) {
            join(engine().report(school, user, PresenceState.AWAY));
            assertThat(join(other.report(school, user, PresenceState.ONLINE))).isEqualTo(PresenceState.ONLINE);

            assertThat(join(other.report(school, user, null))).as("the first node still has them away")
                    .isEqualTo(PresenceState.AWAY);
        }
    }

    @Test
    void aNodeThatClosesTakesItsEntriesAlong() {
        UUID user = UUID.randomUUID();
        RedisPresence other = node(3);
        join(other.report(school, user, PresenceState.ONLINE));
        join(other.report(school, user, null));
        other.close();

        assertThat(states(user)).containsEntry(user, PresenceState.OFFLINE);
    }
}
