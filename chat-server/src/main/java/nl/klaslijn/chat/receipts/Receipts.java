package nl.klaslijn.chat.receipts;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.signals.Signals;
import nl.klaslijn.chat.sync.Inbox;
import nl.klaslijn.common.auth.AccessToken;

/**
 * Read receipts and delivery state. Two kinds of pointer per member and conversation, both forward only:
 *
 * <ul>
 *   <li>read: the user's own pointer in their index (unread counts) always moves; the shared pointer
 *       others see, and the live {@code read} event to the conversation, only when the user sends read
 *       receipts (otherwise the event goes to the user's own devices only).
 *   <li>delivered: moved by the recipient's device acknowledging what it received (and by reading,
 *       since what was read was delivered); always shared.
 * </ul>
 *
 * Who moved a pointer is shown in live events and replies only where the school shows per-person read
 * detail for the conversation's kind; otherwise members see counts.
 */
public final class Receipts {

    private final PointerStore store;
    private final Inbox inbox;
    private final Preferences preferences;
    private final Signals signals;

    public Receipts(CqlSession session, Inbox inbox, Preferences preferences, Signals signals) {
        this.store = new PointerStore(session);
        this.inbox = inbox;
        this.preferences = preferences;
        this.signals = signals;
    }

    /** The caller (a member; checked by the gate) read the conversation up to {@code upTo}. */
    public CompletionStage<Void> markRead(AccessToken who, Conversation conversation, long upTo) {
        UUID school = who.schoolId();
        return inbox.markRead(who, conversation.id(), upTo)
                .thenCompose(done -> preferences.user(school, who.userId()))
                .thenCompose(mine -> {
                    if (!mine.sendReadReceipts()) {
                        signals.toOwnDevices(school, who.userId(), conversation.id(), "read", new LiveViews.ReadEvent(
                                conversation.id().toString(), who.userId().toString(), Long.toString(upTo)));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return store.advanceRead(school, conversation.id(), who.userId(), upTo)
                            .thenCompose(done -> store.advanceDelivered(school, conversation.id(), who.userId(), upTo))
                            .thenCompose(done -> shownUser(who, conversation))
                            .thenAccept(shown -> signals.publish(Signals.Kind.READ, school, conversation.id(),
                                    who.userId(), upTo, new LiveViews.ReadEvent(conversation.id().toString(), shown,
                                            Long.toString(upTo))));
                });
    }

    /** The caller's device received the conversation's messages up to {@code upTo}. */
    public CompletionStage<Void> markDelivered(AccessToken who, Conversation conversation, long upTo) {
        UUID school = who.schoolId();
        return store.advanceDelivered(school, conversation.id(), who.userId(), upTo)
                .thenCompose(done -> shownUser(who, conversation))
                .thenAccept(shown -> signals.publish(Signals.Kind.DELIVERED, school, conversation.id(), who.userId(),
                        upTo, new LiveViews.DeliveredEvent(conversation.id().toString(), shown, Long.toString(upTo))));
    }

    /** The state of message {@code messageId} for the conversation's members other than the caller. */
    public CompletionStage<ReceiptStatus> status(AccessToken who, Conversation conversation, long messageId) {
        return store.all(who.schoolId(), conversation.id())
                .thenCombine(preferences.school(who.schoolId()), (pointers, school) -> {
                    Map<UUID, PointerStore.Pointers> byUser = new HashMap<>();
                    pointers.forEach(p -> byUser.put(p.user(), p));
                    boolean detail = school.readDetail(conversation.kind());
                    List<UUID> readers = new ArrayList<>();
                    List<UUID> reached = new ArrayList<>();
                    int of = 0;
                    for (UUID member : conversation.members().keySet()) {
                        if (member.equals(who.userId())) {
                            continue;
                        }
                        of++;
                        PointerStore.Pointers p = byUser.get(member);
                        if (p != null && p.readUpTo() >= messageId) {
                            readers.add(member);
                        }
                        if (p != null && (p.deliveredUpTo() >= messageId || p.readUpTo() >= messageId)) {
                            reached.add(member);
                        }
                    }
                    return new ReceiptStatus(conversation.id(), messageId, of, readers, reached, detail);
                });
    }

    private CompletionStage<String> shownUser(AccessToken who, Conversation conversation) {
        return preferences.school(who.schoolId())
                .thenApply(school -> school.readDetail(conversation.kind()) ? who.userId().toString() : null);
    }
}
