package nl.klaslijn.chat.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.chat.protocol.Views.ChangedConversation;
import nl.klaslijn.chat.protocol.Views.MessageView;
import nl.klaslijn.chat.protocol.Wire;
import org.jspecify.annotations.Nullable;

/**
 * One sync reply being filled within its byte budget, conversation by conversation in id order. A
 * conversation goes in whole, or not at all (it then opens the next page); only the first conversation of a
 * page may be cut, to its newest messages that fit (at least one), and is then marked incomplete, so a
 * page always makes progress. Sizes are the JSON bytes of the conversation view and of each message.
 */
final class SyncPage {

    private final List<ChangedConversation> conversations = new ArrayList<>();
    private long left;
    private boolean full;
    private @Nullable UUID lastDone;

    SyncPage(int budgetBytes) {
        this.left = budgetBytes;
    }

    /** Whether the page took no more: the budget is used up, or the last offer did not fit. */
    boolean full() {
        return full;
    }

    /** The last conversation this page handled (included, or skipped as not the user's); null if none. */
    @Nullable UUID lastDone() {
        return lastDone;
    }

    List<ChangedConversation> conversations() {
        return conversations;
    }

    /** A conversation with nothing to return (the user is no longer a member): handled, costs nothing. */
    void skip(UUID conversation) {
        if (!full) {
            lastDone = conversation;
        }
    }

    /** Offers the next conversation; returns false (and the page is full) when it must wait for the next page. */
    boolean offer(UUID id, ChangedConversation changed) {
        if (full) {
            return false;
        }
        long head = Wire.encode(changed.conversation()).length + 32L; // the view, "messages", "complete"
        List<MessageView> messages = changed.messages();
        long[] sizes = new long[messages.size()];
        long total = head;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Wire.encode(messages.get(i)).length + 1L;
            total += sizes[i];
        }
        if (total <= left) {
            conversations.add(changed);
            left -= total;
            lastDone = id;
            full = left <= 0;
            return true;
        }
        full = true;
        if (!conversations.isEmpty()) {
            return false; // whole in the next page
        }
        // First of its page and larger than the budget: the newest messages that fit, at least one.
        long used = head;
        int from = sizes.length;
        while (from > 0 && (from == sizes.length || used + sizes[from - 1] <= left)) {
            used += sizes[--from];
        }
        conversations.add(new ChangedConversation(changed.conversation(), messages.subList(from, messages.size()),
                false));
        lastDone = id;
        return true;
    }
}
