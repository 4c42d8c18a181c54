package nl.klaslijn.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import nl.klaslijn.devstack.redis.TestRedis;
import org.junit.jupiter.api.Test;

/** The contract on a real redis-server, plus what only a multi-node engine does. */
class RedisPresenceIT extends PresenceEngineContract {

    private final String prefix = "pit-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @Override
    protected PresenceEngine newEngine() {
        return node(1);
    }

    private RedisPresence node(int id) {
        return RedisPresence.connect(TestRedis.shared().uri(), prefix, id, Duration.ofSeconds(15));
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
