package nl.klaslijn.chat.messages;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.nodes.NodeLease;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * Sending and reading messages. The caller has already passed the conversation gate.
 *
 * <p>Send contract: the message row, its bucket marker and every member's index entry are written, and
 * written in time ({@link WriteDeadline}), before the returned stage completes; only then is the message
 * handed to live fan-out, by exactly one attempt: the one whose lightweight transaction marks the claim
 * completed. A send whose writes finish late is stored again under a fresh id (the old row deleted) before
 * it is acknowledged. A retry with the same (sender, client message id) and the same text finishes whatever
 * an earlier attempt left undone and completes with the stored id; with another text it fails with
 * {@link SendException.Reason#CLIENT_ID_REUSED}. Ids are only minted while this node holds its node id lease
 * and its clock agrees with Cassandra's ({@link NodeLease#requireIssuing()}).
 */
public final class Messages {

    /** Ids older than this may have their write still in flight; see {@link #settledUpTo()}. */
    public static final Duration IN_FLIGHT_WINDOW = Duration.ofSeconds(10);
    public static final int PREVIEW_CHARS = 120;
    /** How often one send may be re-stored under a fresh id because its writes were late, before it fails. */
    static final int MAX_REMINTS = 2;

    private final MessageStore store;
    private final SnowflakeIds ids;
    private final MessageFanout fanout;
    private final Clock clock;
    private final NodeLease lease;
    private final WriteDeadline deadline;

    /** @param maxClockSkew how far node clocks may differ from Cassandra's; the write budget keeps twice this as margin */
    public Messages(CqlSession session, SnowflakeIds ids, MessageFanout fanout, Clock clock, NodeLease lease,
            Duration maxClockSkew) {
        this.store = new MessageStore(session);
        this.ids = ids;
        this.fanout = fanout;
        this.clock = clock;
        this.lease = lease;
        this.deadline = WriteDeadline.forSkew(clock, maxClockSkew);
    }

    /** An id and the monotonic time it was minted at. */
    private record Minted(long id, long atNanos) {}

    private Minted mint() {
        lease.requireIssuing();
        return new Minted(ids.next(), System.nanoTime());
    }

    public CompletionStage<SendResult> send(Conversation conversation, UUID sender, String clientMessageId,
            String text) {
        ByteBuffer hash = ContentHash.of(text);
        Minted candidate = mint();
        return store.claim(conversation.schoolId(), conversation.id(), sender, clientMessageId, candidate.id(), hash)
                .thenCompose(claim -> {
                    ChatMessage message = new ChatMessage(conversation.schoolId(), conversation.id(), claim.messageId(),
                            sender, clientMessageId, text);
                    if (claim.fresh()) {
                        return attempt(conversation, message, candidate.atNanos(), false, 0, false);
                    }
                    if (claim.contentHash() != null && !claim.contentHash().equals(hash)) {
                        throw new SendException(SendException.Reason.CLIENT_ID_REUSED, "clientMessageId " + clientMessageId
                                + " was already used for another text in this conversation; use a new id per message");
                    }
                    if (claim.completed()) {
                        return CompletableFuture.completedFuture(new SendResult(message, true));
                    }
                    return retry(conversation, message, claim.contentHash() == null);
                });
    }

    /**
     * A retry of an unfinished claim: an earlier attempt failed, died or is still under way. If its id is still
     * in time, run every step again (all idempotent; the bucket marker is forced, as the earlier attempt may
     * have died before it); else store the message under a fresh id so no member's catch-up can have passed it.
     * A claim from before claims carried a content hash and completion ({@code legacyClaim}) whose row exists
     * is answered as before: a duplicate.
     */
    private CompletionStage<SendResult> retry(Conversation conversation, ChatMessage claimed, boolean legacyClaim) {
        return store.find(conversation.schoolId(), conversation.id(), conversation.bucketMillis(), claimed.id())
                .thenCompose(found -> {
                    if (legacyClaim && found.isPresent()) {
                        return CompletableFuture.completedFuture(new SendResult(claimed, true));
                    }
                    return deadline.met(claimed.id(), WriteDeadline.NOT_MINTED_HERE)
                            ? attempt(conversation, claimed, WriteDeadline.NOT_MINTED_HERE, true, 0, found.isPresent())
                            : remint(conversation, claimed, found.isPresent(), 0, found.isPresent());
                });
    }

    /**
     * Writes row, marker and index entries; if they were in time, tries to finish the claim, and publishes and
     * acknowledges only if this attempt finished it. Late writes are stored again under a fresh id.
     */
    private CompletionStage<SendResult> attempt(Conversation conversation, ChatMessage message, long mintedAtNanos,
            boolean forceMarker, int remints, boolean duplicate) {
        return store.write(message, conversation.bucketMillis(), forceMarker)
                .thenCompose(done -> store.updateIndexes(message, conversation.members().keySet(), preview(message.text())))
                .thenCompose(done -> deadline.met(message.id(), mintedAtNanos)
                        ? finish(conversation, message, duplicate)
                        : remint(conversation, message, true, remints, duplicate));
    }

    private CompletionStage<SendResult> finish(Conversation conversation, ChatMessage message, boolean duplicate) {
        return store.complete(message.schoolId(), message.conversationId(), message.senderId(), message.clientMessageId(),
                message.id()).thenCompose(completion -> {
                    if (completion.won()) {
                        fanout.stored(conversation, message);
                        return CompletableFuture.completedFuture(new SendResult(message, duplicate));
                    }
                    if (completion.messageId() == message.id()) {
                        return CompletableFuture.completedFuture(new SendResult(message, true)); // another attempt published it
                    }
                    return store.delete(message.schoolId(), message.conversationId(), conversation.bucketMillis(), message.id())
                            .thenApply(deleted -> settledElsewhere(message, completion));
                });
    }

    /** The claim moved to another id (a retry re-stored it): answer with that one if it is finished. */
    private static SendResult settledElsewhere(ChatMessage message, MessageStore.Completion completion) {
        if (!completion.completed() || completion.messageId() == 0L) {
            throw new SendException(SendException.Reason.RETRY,
                    "another attempt of this message is under way; retry with the same client message id");
        }
        return new SendResult(new ChatMessage(message.schoolId(), message.conversationId(), completion.messageId(),
                message.senderId(), message.clientMessageId(), message.text()), true);
    }

    /**
     * Moves the claim to a fresh id and stores the message again under it; the row under the old id (if
     * {@code oldRowWritten}) is deleted once the new one is finished, so history holds the message once.
     */
    private CompletionStage<SendResult> remint(Conversation conversation, ChatMessage late, boolean oldRowWritten,
            int remints, boolean duplicate) {
        if (remints >= MAX_REMINTS) {
            throw new SendException(SendException.Reason.RETRY, "storage is too slow; retry with the same client message id");
        }
        Minted fresh = mint();
        return store.reclaim(late.schoolId(), late.conversationId(), late.senderId(), late.clientMessageId(), late.id(),
                fresh.id()).thenCompose(moved -> {
                    if (!moved.won()) {
                        CompletionStage<Void> cleanup = oldRowWritten && moved.messageId() != late.id()
                                ? store.delete(late.schoolId(), late.conversationId(), conversation.bucketMillis(), late.id())
                                : CompletableFuture.completedFuture(null);
                        return cleanup.thenApply(done -> settledElsewhere(late, moved));
                    }
                    ChatMessage message = new ChatMessage(late.schoolId(), late.conversationId(), fresh.id(),
                            late.senderId(), late.clientMessageId(), late.text());
                    CompletionStage<SendResult> stored = attempt(conversation, message, fresh.atNanos(), false,
                            remints + 1, false);
                    return oldRowWritten
                            ? stored.thenCompose(result -> store.delete(late.schoolId(), late.conversationId(),
                                    conversation.bucketMillis(), late.id()).thenApply(deleted -> result))
                            : stored;
                });
    }

    /** Up to {@code limit} messages older than {@code before} (exclusive), newest first. */
    public CompletionStage<List<ChatMessage>> history(Conversation conversation, long before, int limit) {
        return store.before(conversation.schoolId(), conversation.id(), conversation.bucketMillis(), before, limit);
    }

    /** The newest {@code limit} messages newer than {@code after}, newest first; {@code limit + 1} entries mean more exist. */
    public CompletionStage<List<ChatMessage>> newerThan(Conversation conversation, long after, int limit) {
        return store.after(conversation.schoolId(), conversation.id(), conversation.bucketMillis(), after, limit);
    }

    /**
     * The highest id below which every message that will ever be acknowledged is already stored and indexed:
     * a send whose writes did not finish within the {@link WriteDeadline} budget of its id is stored again under
     * a fresh id before it is acknowledged, and node clocks are checked against Cassandra's. A sync point never
     * passes it. Fails with {@link nl.klaslijn.chat.nodes.NodeUnavailableException} when this node's clock
     * cannot be trusted.
     */
    public long settledUpTo() {
        lease.requireClockTrusted();
        return SnowflakeIds.lowestAt(clock.instant().minus(IN_FLIGHT_WINDOW));
    }

    /** An id above every id issued so far; a read pointer is never allowed past it. */
    public long nextIdBound() {
        return SnowflakeIds.lowestAt(clock.instant().plusSeconds(1));
    }

    static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS) {
            return text;
        }
        int end = PREVIEW_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
