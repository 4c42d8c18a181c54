package nl.klaslijn.chat.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every presence engine must do, as seen by one node ({@link #engine()}); engines that span nodes
 * add their cross-node cases in their own test.
 */
abstract class PresenceEngineContract {

    protected final UUID school = UUID.randomUUID();
    private PresenceEngine engine;

    protected abstract PresenceEngine newEngine();

    protected PresenceEngine engine() {
        if (engine == null) {
            engine = newEngine();
        }
        return engine;
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aUserNobodyReportedIsOffline() {
        UUID user = UUID.randomUUID();

        assertThat(engine().states(school, List.of(user)).toCompletableFuture().join())
                .containsEntry(user, PresenceState.OFFLINE);
    }

    @Test
    void reportsReturnThePresenceAfterwardsAndStatesAgree() {
        UUID user = UUID.randomUUID();

        assertThat(join(engine().report(school, user, PresenceState.ONLINE))).isEqualTo(PresenceState.ONLINE);
        assertThat(join(engine().report(school, user, PresenceState.AWAY))).isEqualTo(PresenceState.AWAY);
        assertThat(states(user)).containsEntry(user, PresenceState.AWAY);
        assertThat(join(engine().report(school, user, null))).isEqualTo(PresenceState.OFFLINE);
        assertThat(states(user)).containsEntry(user, PresenceState.OFFLINE);
    }

    @Test
    void schoolsAreSeparate() {
        UUID user = UUID.randomUUID();
        join(engine().report(school, user, PresenceState.ONLINE));

        assertThat(engine().states(UUID.randomUUID(), List.of(user)).toCompletableFuture().join())
                .containsEntry(user, PresenceState.OFFLINE);
    }

    protected Map<UUID, PresenceState> states(UUID... users) {
        return engine().states(school, List.of(users)).toCompletableFuture().join();
    }

    protected static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
