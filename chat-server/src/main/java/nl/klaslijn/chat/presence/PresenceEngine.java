package nl.klaslijn.chat.presence;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Where presence is kept for the whole cluster: each node reports, per user, the state of its own
 * sessions of that user; a user's presence is the best state any live node reports.
 *
 * <p>Contract (both engines): entries of a node that stops (crashes) stop counting within the engine's
 * node timeout, without that node's help, and {@link LostListener#lost} is then called on one surviving
 * node for each user the lost node held, with the user's presence after the loss. There are no "ghost"
 * online users.
 */
public interface PresenceEngine extends AutoCloseable {

    /** A user whose presence changed because another node was lost. */
    @FunctionalInterface
    interface LostListener {
        void lost(UUID school, UUID user, PresenceState now);
    }

    /**
     * Records this node's state for the user ({@code null}: no session here any more) and returns the
     * user's presence across all live nodes afterwards.
     */
    CompletionStage<PresenceState> report(UUID school, UUID user, @Nullable PresenceState local);

    /** The presence of each user across all live nodes. */
    CompletionStage<Map<UUID, PresenceState>> states(UUID school, Collection<UUID> users);

    /** Set once at wiring, before the first report. */
    void onLost(LostListener listener, Runnable nodeLost);

    @Override
    void close();
}
