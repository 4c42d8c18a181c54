package nl.klaslijn.chat.presence;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.protocol.LiveViews.PresenceEvent;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.signals.Signals;
import nl.klaslijn.chat.sync.ConversationIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence of users, as the people who share a direct or group conversation with them see it (never in
 * announcement channels), and only for users who share it (their setting).
 *
 * <p>This node counts, per user, its sessions that are online and away; when that changes, it reports
 * to the {@link PresenceEngine} and, if the user's presence across the cluster changed, publishes a
 * {@code presence} event to each of their direct and group conversations (once per conversation). A
 * user going offline gets a last-seen time, kept in Cassandra.
 */
public final class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private record Key(UUID school, UUID user) {}

    /** This node's sessions of one user: how many are online, how many away. */
    private record Counts(int online, int away) {
        @Nullable PresenceState state() {
            return online > 0 ? PresenceState.ONLINE : away > 0 ? PresenceState.AWAY : null;
        }
    }

    private final PresenceEngine engine;
    private final ConversationIndex index;
    private final Conversations conversations;
    private final Preferences preferences;
    private final Signals signals;
    private final LastSeenStore lastSeen;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Counts> local = new ConcurrentHashMap<>();

    public Presence(CqlSession session, PresenceEngine engine, ConversationIndex index, Conversations conversations,
            Preferences preferences, Signals signals, Runnable onNodeLost, Clock clock) {
        this.engine = engine;
        this.index = index;
        this.conversations = conversations;
        this.preferences = preferences;
        this.signals = signals;
        this.lastSeen = new LastSeenStore(session);
        this.clock = clock;
        engine.onLost((school, user, now) -> announce(school, user, now), onNodeLost);
    }

    /** A session of the user opened (online). */
    public void connected(UUID school, UUID user) {
        adjust(school, user, 1, 0);
    }

    /** A session moved between online and away. */
    public void changed(UUID school, UUID user, PresenceState from, PresenceState to) {
        if (from != to) {
            adjust(school, user, to == PresenceState.ONLINE ? 1 : -1, to == PresenceState.AWAY ? 1 : -1);
        }
    }

    /** A session closed while in {@code last} (online or away). */
    public void disconnected(UUID school, UUID user, PresenceState last) {
        adjust(school, user, last == PresenceState.ONLINE ? -1 : 0, last == PresenceState.AWAY ? -1 : 0);
    }

    private void adjust(UUID school, UUID user, int online, int away) {
        Key key = new Key(school, user);
        PresenceState[] change = new PresenceState[2];
        boolean[] changed = new boolean[1];
        local.compute(key, (k, before) -> {
            Counts was = before == null ? new Counts(0, 0) : before;
            Counts now = new Counts(Math.max(0, was.online() + online), Math.max(0, was.away() + away));
            changed[0] = was.state() != now.state();
            change[1] = now.state();
            return now.state() == null ? null : now;
        });
        if (changed[0]) {
            engine.report(school, user, change[1]).whenComplete((overall, error) -> {
                if (error != null) {
                    log.debug("presence report failed; contacts see the change on their next query", error);
                } else {
                    announce(school, user, overall);
                }
            });
        }
    }

    private void announce(UUID school, UUID user, PresenceState state) {
        Instant now = clock.instant();
        CompletionStage<Void> stored = state == PresenceState.OFFLINE
                ? lastSeen.put(school, user, now) : CompletableFuture.completedFuture(null);
        stored.thenCompose(done -> preferences.user(school, user)).thenAccept(mine -> {
            if (!mine.sharePresence()) {
                return;
            }
            String seen = state == PresenceState.OFFLINE ? now.toString() : null;
            PresenceEvent event = new PresenceEvent(user.toString(), state.wireName(), seen);
            index.conversationIds(school, user).thenAccept(ids -> {
                for (UUID id : ids) {
                    conversations.find(school, id).thenAccept(found -> found
                            .filter(Presence::showsPresence)
                            .ifPresent(c -> signals.publish(Signals.Kind.PRESENCE, school, id, user,
                                    state == PresenceState.OFFLINE ? now.toEpochMilli() : 0L, event)));
                }
            });
        }).exceptionally(error -> {
            log.debug("announcing a presence change failed", error);
            return null;
        });
    }

    /**
     * The presence of the other members of a conversation the caller may read (checked by the gate):
     * empty for announcement channels; members who do not share presence are left out.
     */
    public CompletionStage<List<PresenceEvent>> ofMembers(UUID school, UUID caller, Conversation conversation) {
        if (!showsPresence(conversation)) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<UUID> others = conversation.members().keySet().stream().filter(u -> !u.equals(caller)).toList();
        List<CompletableFuture<Optional<UUID>>> sharing = new ArrayList<>();
        for (UUID other : others) {
            sharing.add(preferences.user(school, other).toCompletableFuture()
                    .thenApply(p -> p.sharePresence() ? Optional.of(other) : Optional.<UUID>empty()));
        }
        return CompletableFuture.allOf(sharing.toArray(CompletableFuture[]::new))
                .thenCompose(done -> engine.states(school, sharing.stream().flatMap(f -> f.join().stream()).toList()))
                .thenCompose(states -> views(school, states));
    }

    private CompletionStage<List<PresenceEvent>> views(UUID school, Map<UUID, PresenceState> states) {
        List<CompletableFuture<PresenceEvent>> views = new ArrayList<>();
        states.forEach((user, state) -> views.add(state != PresenceState.OFFLINE
                ? CompletableFuture.completedFuture(new PresenceEvent(user.toString(), state.wireName(), null))
                : lastSeen.get(school, user).toCompletableFuture().thenApply(seen -> new PresenceEvent(user.toString(),
                        state.wireName(), seen.map(Instant::toString).orElse(null)))));
        return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
    }

    private static boolean showsPresence(Conversation conversation) {
        return conversation.kind() != ConversationKind.ANNOUNCEMENT;
    }
}
