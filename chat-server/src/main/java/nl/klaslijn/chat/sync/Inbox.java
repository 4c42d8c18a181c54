package nl.klaslijn.chat.sync;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.messages.ChatMessage;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.userindex.UserIndex;
import nl.klaslijn.chat.protocol.ViewMapper;
import nl.klaslijn.chat.protocol.Views.ChangedConversation;
import nl.klaslijn.chat.protocol.Views.ConversationView;
import nl.klaslijn.chat.protocol.Views.LastMessage;
import nl.klaslijn.chat.protocol.Views.MessageView;
import nl.klaslijn.chat.protocol.Views.SyncReply;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;

/**
 * A user's view across conversations, served from their per-user index (one partition read, no scan):
 * the conversation list with last message and unread count, read pointers, and catch-up after a
 * disconnect.
 *
 * <p>Catch-up contract: {@link #sync} returns every conversation whose last message is newer than
 * {@code since}, with the messages newer than {@code since} (at most {@code limit} per conversation,
 * oldest first), and a sync point for the next call. The sync point never passes
 * {@link Messages#settledUpTo()}, so a message whose write was still in flight is not skipped: it comes
 * in the next sync. Hence consecutive syncs may return a message of the last seconds twice; clients
 * deduplicate by message id (live MESSAGE frames and sync replies overlap in the same way). A sync too
 * large for one reply's byte budget comes in pages joined by a {@link SyncCursor}; the sync point is fixed
 * by the first page and given by the last.
 */
public final class Inbox {

    /** Unread counts stop here; clients show "99+". */
    public static final int UNREAD_CAP = 99;

    private final UserIndex index;
    private final Conversations conversations;
    private final Messages messages;

    public Inbox(CqlSession session, Conversations conversations, Messages messages) {
        this.index = new UserIndex(session);
        this.conversations = conversations;
        this.messages = messages;
    }

    /** The user's conversations, most recent activity first. */
    public CompletionStage<List<ConversationView>> conversations(AccessToken who) {
        return IndexEntry.of(index, who.schoolId(), who.userId()).thenCompose(entries -> {
            List<CompletableFuture<ConversationView>> views = new ArrayList<>();
            for (IndexEntry entry : entries) {
                views.add(view(who, entry).toCompletableFuture());
            }
            return all(views);
        }).thenApply(views -> {
            List<ConversationView> sorted = new ArrayList<>(views);
            sorted.sort(Comparator.comparing((ConversationView v) -> v.lastMessage() == null ? 0L
                    : Long.parseLong(v.lastMessage().id())).reversed());
            return sorted;
        });
    }

    /** One conversation as it appears in the user's list, or empty if the user is not in it. */
    public CompletionStage<Optional<ConversationView>> conversation(AccessToken who, UUID conversationId) {
        return IndexEntry.of(index, who.schoolId(), who.userId()).thenCompose(entries -> entries.stream()
                .filter(e -> e.conversationId().equals(conversationId))
                .findFirst()
                .map(e -> view(who, e).thenApply(Optional::of))
                .orElse(CompletableFuture.completedFuture(Optional.empty())));
    }

    public CompletionStage<Void> markRead(AccessToken who, UUID conversationId, long upTo) {
        return index.markRead(who.schoolId(), who.userId(), conversationId, upTo, Buckets.writeTimestampMicros(upTo));
    }

    /** A whole sync in one reply, however large (no byte budget). */
    public CompletionStage<SyncReply> sync(AccessToken who, long since, int limit) {
        return sync(who, since, limit, null, Integer.MAX_VALUE);
    }

    /**
     * One page of a sync: the changed conversations after {@code cursor} (all when null), in conversation id
     * order, as many as fit {@code budgetBytes} ({@link SyncPage}). When some are left the reply is partial,
     * keeps {@code since} as its sync point and names the cursor to continue with; a client that repeats the
     * request with each cursor until a reply is not partial gets every missed conversation exactly once, and
     * then the sync point of the first page. Conversations are read a few at a time, so a large sync costs
     * at most a few conversations' reads beyond its page.
     */
    public CompletionStage<SyncReply> sync(AccessToken who, long since, int limit, @Nullable SyncCursor cursor,
            int budgetBytes) {
        long settled = messages.settledUpTo();
        return IndexEntry.of(index, who.schoolId(), who.userId()).thenCompose(entries -> {
            List<IndexEntry> changed = new ArrayList<>();
            for (IndexEntry entry : entries) {
                if (entry.changedAfter(since) && (cursor == null || entry.conversationId().compareTo(cursor.after()) > 0)) {
                    changed.add(entry);
                }
            }
            // The settled point, read before the index: every message at or below it is in what was read (or was
            // re-stored above it), whether or not it is this user's. Not the user's newest message, so the portal
            // events the same point covers (PortalCatchUps) move on for a user who has no messages.
            long syncPoint = cursor != null ? Math.max(since, Math.min(cursor.syncPoint(), settled))
                    : Math.max(since, settled);
            changed.sort(Comparator.comparing(IndexEntry::conversationId));
            SyncPage page = new SyncPage(budgetBytes);
            return fill(who, changed, 0, since, limit, page).thenApply(done -> {
                if (done >= changed.size()) {
                    return new SyncReply(Long.toString(syncPoint), page.conversations());
                }
                UUID after = page.lastDone() != null ? page.lastDone()
                        : cursor != null ? cursor.after() : null;
                String next = after == null ? null : new SyncCursor(syncPoint, after).encode();
                return new SyncReply(Long.toString(since), page.conversations(), true, next);
            });
        });
    }

    /** Conversations read concurrently while a page is filled. */
    private static final int READ_AHEAD = 8;

    /** Fills the page from {@code changed[from..]}, a few reads at a time; returns how many entries it handled. */
    private CompletionStage<Integer> fill(AccessToken who, List<IndexEntry> changed, int from, long since, int limit,
            SyncPage page) {
        if (from >= changed.size() || page.full()) {
            return CompletableFuture.completedFuture(from);
        }
        List<IndexEntry> chunk = changed.subList(from, Math.min(changed.size(), from + READ_AHEAD));
        List<CompletableFuture<Optional<ChangedConversation>>> reads = new ArrayList<>();
        for (IndexEntry entry : chunk) {
            reads.add(missed(who, entry, since, limit).toCompletableFuture());
        }
        return all(reads).thenCompose(results -> {
            int handled = from;
            for (int i = 0; i < results.size(); i++) {
                UUID id = chunk.get(i).conversationId();
                Optional<ChangedConversation> result = results.get(i);
                if (result.isEmpty()) {
                    page.skip(id);
                } else if (!page.offer(id, result.get())) {
                    return CompletableFuture.completedFuture(handled);
                }
                handled++;
                if (page.full()) {
                    return CompletableFuture.completedFuture(handled);
                }
            }
            return fill(who, changed, handled, since, limit, page);
        });
    }

    private CompletionStage<Optional<ChangedConversation>> missed(AccessToken who, IndexEntry entry, long since, int limit) {
        return conversations.find(who.schoolId(), entry.conversationId()).thenCompose(found -> {
            if (found.isEmpty() || found.get().roleOf(who.userId()) == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Conversation conversation = found.get();
            return messages.newerThan(conversation, since, limit).thenCompose(newestFirst -> {
                boolean complete = newestFirst.size() <= limit;
                long readUpTo = entry.readUpTo() == null ? 0L : entry.readUpTo();
                // When every unread message is among the missed ones, count them here instead of reading them again.
                CompletionStage<ConversationView> view = complete && readUpTo >= since
                        ? CompletableFuture.completedFuture(viewOf(entry, countFromOthers(
                                newestFirst.stream().filter(m -> m.id() > readUpTo).toList(), who.userId())))
                        : view(who, entry);
                return view.thenApply(v -> {
                    List<MessageView> oldestFirst = new ArrayList<>();
                    for (int i = Math.min(limit, newestFirst.size()) - 1; i >= 0; i--) {
                        oldestFirst.add(ViewMapper.message(newestFirst.get(i)));
                    }
                    return Optional.of(new ChangedConversation(v, oldestFirst, complete));
                });
            });
        });
    }

    private CompletionStage<ConversationView> view(AccessToken who, IndexEntry entry) {
        if (!entry.hasUnread()) {
            return CompletableFuture.completedFuture(viewOf(entry, 0));
        }
        return unread(who, entry).thenApply(count -> viewOf(entry, count));
    }

    private static ConversationView viewOf(IndexEntry entry, int unread) {
        LastMessage last = entry.lastMessageId() == null ? null : new LastMessage(Long.toString(entry.lastMessageId()),
                String.valueOf(entry.lastSenderId()), entry.lastPreview() == null ? "" : entry.lastPreview());
        String readUpTo = entry.readUpTo() == null ? null : Long.toString(entry.readUpTo());
        return new ConversationView(entry.conversationId().toString(), entry.kind(), entry.title(), last, readUpTo, unread);
    }

    /** Messages from others after the read pointer, counted up to {@link #UNREAD_CAP}. */
    private CompletionStage<Integer> unread(AccessToken who, IndexEntry entry) {
        long after = entry.readUpTo() == null ? 0L : entry.readUpTo();
        return conversations.find(who.schoolId(), entry.conversationId()).thenCompose(found -> found
                .map(c -> messages.newerThan(c, after, UNREAD_CAP).thenApply(list -> countFromOthers(list, who.userId())))
                .orElse(CompletableFuture.completedFuture(0)));
    }

    private static int countFromOthers(List<ChatMessage> messages, UUID self) {
        int count = 0;
        for (ChatMessage m : messages) {
            if (!m.senderId().equals(self) && ++count == UNREAD_CAP) {
                break;
            }
        }
        return count;
    }

    private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }
}
