package nl.klaslijn.chat.conversations;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import nl.klaslijn.chat.directory.SchoolDirectory;

/**
 * Conversations and their membership: creation (group, announcement, the one direct conversation per
 * pair), member changes, and cached lookup for authorization and fan-out.
 *
 * <p>Lookups are served from a node-local cache that expires after {@code cacheTtl}; this node's own
 * membership changes invalidate it at once; other nodes' copies are invalidated by the membership
 * events the live layer publishes ({@link #invalidate}), and expire in any case.
 */
public final class Conversations {

    private final ConversationStore store;
    private final SchoolDirectory directory;
    private final Clock clock;
    private final long bucketMillis;
    private final AsyncLoadingCache<Key, Optional<Conversation>> cache;
    private volatile MembershipListener listener = MembershipListener.NONE;

    private record Key(UUID school, UUID conversation) {}

    public Conversations(CqlSession session, SchoolDirectory directory, Clock clock, Duration bucketWidth,
            Duration cacheTtl, Executor executor) {
        this.store = new ConversationStore(session);
        this.directory = directory;
        this.clock = clock;
        this.bucketMillis = bucketWidth.toMillis();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(200_000)
                .executor(executor)
                .buildAsync((key, ignored) -> store.find(key.school(), key.conversation()).toCompletableFuture());
    }

    /** Set once at wiring: who hears of membership changes (the live layer). */
    public void listen(MembershipListener membershipListener) {
        this.listener = membershipListener;
    }

    /** Drops this node's cached copy (another node changed the membership). */
    public void invalidate(UUID school, UUID conversation) {
        cache.synchronous().invalidate(new Key(school, conversation));
    }

    /** The conversation with its members, or empty when it does not exist in this school. */
    public CompletionStage<Optional<Conversation>> find(UUID school, UUID conversation) {
        return cache.get(new Key(school, conversation));
    }

    /** The id of the one direct conversation between two users of a school; the same for either order. */
    public static UUID directId(UUID school, UUID a, UUID b) {
        UUID low = a.compareTo(b) <= 0 ? a : b;
        UUID high = low.equals(a) ? b : a;
        return UUID.nameUUIDFromBytes(("klaslijn:direct:" + school + ":" + low + ":" + high)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ensures the direct conversation between {@code requester} and {@code other} exists and returns it.
     * Fails with {@link ConversationException} when the other user is not in the school or is the requester.
     * Safe to call concurrently from anywhere: both callers end with the same conversation.
     */
    public CompletionStage<Conversation> ensureDirect(UUID school, UUID requester, UUID other) {
        if (requester.equals(other)) {
            return CompletableFuture.failedFuture(new ConversationException(ConversationException.Reason.INVALID,
                    "cannot start a conversation with yourself"));
        }
        UUID id = directId(school, requester, other);
        return directory.find(school, other).thenCombine(directory.find(school, requester), (found, self) -> {
            if (found.isEmpty()) {
                throw new ConversationException(ConversationException.Reason.NOT_FOUND, "no such user in this school");
            }
            if (parentToParentRefused(found.get(), self.orElse(null))) {
                throw new ConversationException(ConversationException.Reason.NOT_ALLOWED,
                        "this parent can be contacted by staff only");
            }
            return found.get();
        }).thenCompose(person -> create(school, id, ConversationKind.DIRECT, "", requester,
                Map.of(requester, MemberRole.MEMBER, other, MemberRole.MEMBER)));
    }

    /**
     * Two parents may not start a 1:1 chat when either chose "contact by staff only". (Someone not in
     * the directory is treated as a parent.)
     */
    private static boolean parentToParentRefused(SchoolDirectory.Person other,
            SchoolDirectory.@org.jspecify.annotations.Nullable Person self) {
        boolean selfParent = self == null || self.isParent();
        return other.isParent() && selfParent && (other.staffOnly() || (self != null && self.staffOnly()));
    }

    /** Creates a group or announcement conversation with its initial members (idempotent for a given id). */
    public CompletionStage<Conversation> create(UUID school, UUID id, ConversationKind kind, String title,
            UUID createdBy, Map<UUID, MemberRole> members) {
        return store.createIfAbsent(school, id, kind, title, bucketMillis, clock.instant(), createdBy)
                .thenCompose(width -> {
                    Conversation created = new Conversation(school, id, kind, title, width, clock.instant(), Map.of());
                    List<CompletableFuture<Void>> writes = new ArrayList<>();
                    members.forEach((user, role) ->
                            writes.add(store.putMember(created, user, role, clock.instant()).toCompletableFuture()));
                    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
                })
                .thenCompose(done -> reload(school, id))
                .thenApply(created -> {
                    members.keySet().forEach(user -> listener.changed(school, id, user, true));
                    return created;
                });
    }

    /** Adds a member (or changes their role). */
    public CompletionStage<Conversation> putMember(UUID school, UUID conversation, UUID user, MemberRole role) {
        return existing(school, conversation)
                .thenCompose(c -> store.putMember(c, user, role, clock.instant()))
                .thenCompose(done -> reload(school, conversation))
                .thenApply(changed -> {
                    listener.changed(school, conversation, user, true);
                    return changed;
                });
    }

    /** Removes a member; the conversation disappears from their list and they can no longer read or post. */
    public CompletionStage<Conversation> removeMember(UUID school, UUID conversation, UUID user) {
        return existing(school, conversation)
                .thenCompose(c -> store.removeMember(school, conversation, user))
                .thenCompose(done -> reload(school, conversation))
                .thenApply(changed -> {
                    listener.changed(school, conversation, user, false);
                    return changed;
                });
    }

    private CompletionStage<Conversation> existing(UUID school, UUID conversation) {
        return find(school, conversation).thenApply(found -> found.orElseThrow(() ->
                new ConversationException(ConversationException.Reason.NOT_FOUND, "no such conversation")));
    }

    private CompletionStage<Conversation> reload(UUID school, UUID conversation) {
        Key key = new Key(school, conversation);
        cache.synchronous().invalidate(key);
        return cache.get(key).thenApply(found -> found.orElseThrow(() ->
                new ConversationException(ConversationException.Reason.NOT_FOUND, "no such conversation")));
    }
}
