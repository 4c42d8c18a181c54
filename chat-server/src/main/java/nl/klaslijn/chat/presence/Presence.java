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
 * to the {@link PresenceEngine} (a user whose last device left: after {@link #OFFLINE_GRACE}) and
 * publishes the user's presence across the cluster as a {@code presence} event to each of their direct
 * and group conversations (once per conversation). A user going offline gets a last-seen time, kept in
 * Cassandra.
 */
public final class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private record Key(UUID school, UUID user) {}

    /**
     * A user whose last device went away is reported offline only after this long, so a phone that
     * reconnects (new network, app restart) does not flicker offline and online for its contacts.
     */
    public static final java.time.Duration OFFLINE_GRACE = java.time.Duration.ofSeconds(5);

    /**
     * This node's sessions of one user: how many are online, how many away, and the state this node last
     * reported for them (null: none yet).
     */
    private record Counts(int online, int away, @Nullable PresenceState reported) {
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
    private final java.util.concurrent.atomic.AtomicInteger announcing = new java.util.concurrent.atomic.AtomicInteger();

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
        PresenceState[] report = new PresenceState[1];
        boolean[] lastGone = new boolean[1];
        local.compute(key, (k, was) -> {
            Counts before = was == null ? new Counts(0, 0, null) : was;
            int on = Math.max(0, before.online() + online);
            int off = Math.max(0, before.away() + away);
            PresenceState state = new Counts(on, off, null).state();
            if (state == null) {
                lastGone[0] = true; // reported (if at all) after the grace period, unless a device comes back
                return new Counts(0, 0, before.reported());
            }
            if (state != before.reported()) {
                report[0] = state;
            }
            return new Counts(on, off, state);
        });
        if (report[0] != null) {
            report(school, user, report[0]);
        } else if (lastGone[0]) {
            CompletableFuture.runAsync(() -> offlineIfStillGone(key),
                    CompletableFuture.delayedExecutor(OFFLINE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    /** After the grace period: if the user still has no session here, this node reports them gone. */
    private void offlineIfStillGone(Key key) {
        boolean[] gone = new boolean[1];
        local.computeIfPresent(key, (k, counts) -> {
            if (counts.state() != null) {
                return counts;
            }
            gone[0] = counts.reported() != null;
            return null;
        });
        if (gone[0]) {
            report(key.school(), key.user(), null);
        }
    }

    private void report(UUID school, UUID user, @Nullable PresenceState state) {
        engine.report(school, user, state).whenComplete((overall, error) -> {
            if (error != null) {
                log.debug("presence report failed; contacts see the change on their next query", error);
            } else {
                announce(school, user, overall);
            }
        });
    }

    private void announce(UUID school, UUID user, PresenceState state) {
        announcing.incrementAndGet();
        Instant now = clock.instant();
        CompletionStage<Void> stored = state == PresenceState.OFFLINE
                ? lastSeen.put(school, user, now) : CompletableFuture.completedFuture(null);
        stored.thenCompose(done -> preferences.user(school, user)).thenCompose(mine -> {
            if (!mine.sharePresence()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            String seen = state == PresenceState.OFFLINE ? now.toString() : null;
            PresenceEvent event = new PresenceEvent(user.toString(), state.wireName(), seen);
            return publishToContacts(school, user, state == PresenceState.OFFLINE ? now.toEpochMilli() : 0L, event);
        }).exceptionally(error -> {
            log.debug("announcing a presence change failed", error);
            return null;
        }).whenComplete((done, error) -> announcing.decrementAndGet());
    }

    /** Waits (at most {@code limit}) until announcements in progress went out; used when the node stops. */
    public void quiesce(java.time.Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (announcing.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The user stopped sharing presence: their contacts are told "offline" (without a last-seen time)
     * once, and hear nothing more from them.
     */
    public void hidden(UUID school, UUID user) {
        PresenceEvent event = new PresenceEvent(user.toString(), PresenceState.OFFLINE.wireName(), null);
        publishToContacts(school, user, 0L, event);
    }

    /** Publishes to each of the user's direct and group conversations; completes when all were handed on. */
    private CompletionStage<Void> publishToContacts(UUID school, UUID user, long value, PresenceEvent event) {
        return index.conversationIds(school, user).thenCompose(ids -> {
            List<CompletableFuture<Void>> published = new ArrayList<>();
            for (UUID id : ids) {
                published.add(conversations.find(school, id).toCompletableFuture().thenAccept(found -> found
                        .filter(Presence::showsPresence)
                        .ifPresent(c -> signals.publish(Signals.Kind.PRESENCE, school, id, user, value, event))));
            }
            return CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
        });
    }

    /**
     * The presence of the other members of a conversation the caller may read (checked by the gate):
     * empty for announcement channels; members who do not share presence are left out.
     */
    public CompletionStage<List<MemberPresence>> ofMembers(UUID school, UUID caller, Conversation conversation) {
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

    private CompletionStage<List<MemberPresence>> views(UUID school, Map<UUID, PresenceState> states) {
        List<CompletableFuture<MemberPresence>> views = new ArrayList<>();
        states.forEach((user, state) -> views.add(state != PresenceState.OFFLINE
                ? CompletableFuture.completedFuture(new MemberPresence(user, state, null))
                : lastSeen.get(school, user).toCompletableFuture()
                        .thenApply(seen -> new MemberPresence(user, state, seen.orElse(null)))));
        return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                .thenApply(done -> views.stream().map(CompletableFuture::join).toList());
    }

    private static boolean showsPresence(Conversation conversation) {
        return conversation.kind() != ConversationKind.ANNOUNCEMENT;
    }
}
