package nl.klaslijn.chat.presence;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The single-node engine: this node is the whole cluster, so its own reports are the presence. No node
 * can be lost while this one runs, so the lost listener is never called.
 */
public final class MemoryPresence implements PresenceEngine {

    private record Key(UUID school, UUID user) {}

    private final ConcurrentHashMap<Key, PresenceState> states = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<PresenceState> report(UUID school, UUID user, @Nullable PresenceState local) {
        Key key = new Key(school, user);
        if (local == null || local == PresenceState.OFFLINE) {
            states.remove(key);
            return CompletableFuture.completedFuture(PresenceState.OFFLINE);
        }
        states.put(key, local);
        return CompletableFuture.completedFuture(local);
    }

    @Override
    public CompletionStage<Map<UUID, PresenceState>> states(UUID school, Collection<UUID> users) {
        Map<UUID, PresenceState> out = new HashMap<>();
        for (UUID user : users) {
            out.put(user, states.getOrDefault(new Key(school, user), PresenceState.OFFLINE));
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public void onLost(LostListener listener, Runnable nodeLost) {
        // one node: nothing else can be lost
    }

    @Override
    public void close() {
        states.clear();
    }
}
