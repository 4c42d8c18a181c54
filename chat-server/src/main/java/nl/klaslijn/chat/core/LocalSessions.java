package nl.klaslijn.chat.core;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The sessions connected to this node, by user (all their devices) and by conversation topic. Lookups
 * are lock-free reads of small copy-on-write arrays; registration is rare next to delivery.
 */
public final class LocalSessions {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final ConcurrentHashMap<UUID, ClientSession[]> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, ClientSession[]> byTopic = new ConcurrentHashMap<>();
    /** Sessions with an events subscription, by each conversation their user is a member of. */
    private final ConcurrentHashMap<UUID, ClientSession[]> followers = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    void add(ClientSession session) {
        byUser.merge(session.userId(), new ClientSession[] {session}, LocalSessions::append);
        count.incrementAndGet();
    }

    /**
     * Adds the session unless its user already has {@code maxPerUser} sessions here; atomic per user, so
     * concurrent CONNECTs of one user on several event loops cannot pass the cap together.
     */
    boolean addWithin(ClientSession session, int maxPerUser) {
        boolean[] added = {false};
        byUser.compute(session.userId(), (user, existing) -> {
            if (existing == null) {
                added[0] = true;
                return new ClientSession[] {session};
            }
            if (existing.length >= maxPerUser) {
                return existing;
            }
            added[0] = true;
            return append(existing, new ClientSession[] {session});
        });
        if (added[0]) {
            count.incrementAndGet();
        }
        return added[0];
    }

    void remove(ClientSession session) {
        byUser.computeIfPresent(session.userId(), (user, sessions) -> without(sessions, session));
        count.decrementAndGet();
    }

    void addTopic(UUID conversation, ClientSession session) {
        byTopic.merge(conversation, new ClientSession[] {session}, LocalSessions::append);
    }

    void removeTopic(UUID conversation, ClientSession session) {
        byTopic.computeIfPresent(conversation, (c, sessions) -> without(sessions, session));
    }

    public void addFollower(UUID conversation, ClientSession session) {
        followers.merge(conversation, new ClientSession[] {session}, LocalSessions::append);
    }

    public void removeFollower(UUID conversation, ClientSession session) {
        followers.computeIfPresent(conversation, (c, sessions) -> without(sessions, session));
    }

    /** Calls {@code action} for each session following the conversation (its user is a member) on this node. */
    public void forEachFollower(UUID conversation, Consumer<ClientSession> action) {
        for (ClientSession s : followers.getOrDefault(conversation, NONE)) {
            action.accept(s);
        }
    }

    /** Calls {@code action} for every session on this node. */
    public void forEach(Consumer<ClientSession> action) {
        for (ClientSession[] sessions : byUser.values()) {
            for (ClientSession s : sessions) {
                action.accept(s);
            }
        }
    }

    /** Calls {@code action} for each session of the user on this node. */
    public void forEachOfUser(UUID user, Consumer<ClientSession> action) {
        for (ClientSession s : byUser.getOrDefault(user, NONE)) {
            action.accept(s);
        }
    }

    /** Calls {@code action} for each session subscribed to the conversation's topic on this node. */
    public void forEachOnTopic(UUID conversation, Consumer<ClientSession> action) {
        for (ClientSession s : byTopic.getOrDefault(conversation, NONE)) {
            action.accept(s);
        }
    }

    public boolean hasTopicSubscribers(UUID conversation) {
        return byTopic.containsKey(conversation);
    }

    public int size() {
        return count.get();
    }

    private static ClientSession[] append(ClientSession[] existing, ClientSession[] added) {
        for (ClientSession s : existing) {
            if (s == added[0]) {
                return existing;
            }
        }
        ClientSession[] out = Arrays.copyOf(existing, existing.length + 1);
        out[existing.length] = added[0];
        return out;
    }

    /** The array without {@code session}; null (removing the key) when nothing is left. */
    private static ClientSession @Nullable [] without(ClientSession[] sessions, ClientSession session) {
        int index = -1;
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == session) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return sessions;
        }
        if (sessions.length == 1) {
            return null;
        }
        ClientSession[] out = new ClientSession[sessions.length - 1];
        System.arraycopy(sessions, 0, out, 0, index);
        System.arraycopy(sessions, index + 1, out, index, sessions.length - index - 1);
        return out;
    }
}
