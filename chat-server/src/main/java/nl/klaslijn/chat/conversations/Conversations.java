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
 * membership changes invalidate it at once. (Cross-node invalidation arrives with the Redis broker.)
 */
public final class Conversations {

    private final ConversationStore store;
    private final SchoolDirectory directory;
    private final Clock clock;
    private final long bucketMillis;
    private final AsyncLoadingCache<Key, Optional<Conversation>> cache;

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
        return directory.find(school, other).thenCompose(found -> {
            if (found.isEmpty()) {
                throw new ConversationException(ConversationException.Reason.NOT_FOUND, "no such user in this school");
            }
            return create(school, id, ConversationKind.DIRECT, "", requester,
                    Map.of(requester, MemberRole.MEMBER, other, MemberRole.MEMBER));
        });
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
                .thenCompose(done -> reload(school, id));
    }

    /** Adds a member (or changes their role). */
    public CompletionStage<Conversation> putMember(UUID school, UUID conversation, UUID user, MemberRole role) {
        return existing(school, conversation)
                .thenCompose(c -> store.putMember(c, user, role, clock.instant()))
                .thenCompose(done -> reload(school, conversation));
    }

    /** Removes a member; the conversation disappears from their list and they can no longer read or post. */
    public CompletionStage<Conversation> removeMember(UUID school, UUID conversation, UUID user) {
        return existing(school, conversation)
                .thenCompose(c -> store.removeMember(school, conversation, user))
                .thenCompose(done -> reload(school, conversation));
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
