package nl.klaslijn.chat.messages;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * Sending and reading messages. The caller has already passed the conversation gate.
 *
 * <p>Send contract: the message row, its bucket marker and every member's index entry are written
 * before the returned stage completes; only then is the message handed to live fan-out. A retry with the
 * same (sender, client message id) completes with the same server id and is not delivered again.
 */
public final class Messages {

    /** Ids older than this may have their write still in flight; see {@link #settledUpTo()}. */
    public static final Duration IN_FLIGHT_WINDOW = Duration.ofSeconds(10);
    public static final int PREVIEW_CHARS = 120;

    private final MessageStore store;
    private final SnowflakeIds ids;
    private final MessageFanout fanout;
    private final Clock clock;

    public Messages(CqlSession session, SnowflakeIds ids, MessageFanout fanout, Clock clock) {
        this.store = new MessageStore(session);
        this.ids = ids;
        this.fanout = fanout;
        this.clock = clock;
    }

    public CompletionStage<SendResult> send(Conversation conversation, java.util.UUID sender, String clientMessageId,
            String text) {
        long candidate = ids.next();
        return store.claim(conversation.schoolId(), conversation.id(), sender, clientMessageId, candidate)
                .thenCompose(claim -> claim.fresh()
                        ? persistAndFanOut(conversation, new ChatMessage(conversation.schoolId(), conversation.id(),
                                claim.messageId(), sender, clientMessageId, text))
                        : retry(conversation, sender, clientMessageId, text, claim.messageId()));
    }

    /**
     * A retry: if the first attempt stored the message, answer with it. If the first attempt died before
     * storing it, store it now; under a fresh id if the claimed one is so old that readers may already
     * have synced past it (so no member's catch-up can skip it).
     */
    private CompletionStage<SendResult> retry(Conversation conversation, java.util.UUID sender, String clientMessageId,
            String text, long claimedId) {
        return store.find(conversation.schoolId(), conversation.id(), conversation.bucketMillis(), claimedId)
                .thenCompose(found -> {
                    if (found.isPresent()) {
                        return CompletableFuture.completedFuture(new SendResult(found.get(), true));
                    }
                    boolean stale = claimedId < settledUpTo();
                    CompletionStage<Long> id = stale
                            ? store.reclaim(conversation.schoolId(), conversation.id(), sender, clientMessageId,
                                    claimedId, ids.next())
                            : CompletableFuture.completedFuture(claimedId);
                    return id.thenCompose(messageId -> persistAndFanOut(conversation, new ChatMessage(
                            conversation.schoolId(), conversation.id(), messageId, sender, clientMessageId, text)));
                });
    }

    private CompletionStage<SendResult> persistAndFanOut(Conversation conversation, ChatMessage message) {
        return store.write(message, conversation.bucketMillis())
                .thenCompose(done -> store.updateIndexes(message, conversation.members().keySet(), preview(message.text())))
                .thenApply(done -> {
                    fanout.stored(conversation, message);
                    return new SendResult(message, false);
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
     * The highest id below which every message that will ever be stored is already stored: writes older
     * than {@link #IN_FLIGHT_WINDOW} have finished or failed. A sync point never passes it.
     */
    public long settledUpTo() {
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
