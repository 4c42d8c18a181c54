package nl.klaslijn.chat.receipts;

import java.util.List;
import java.util.UUID;

/**
 * The state of one message for the conversation's members other than the asker.
 *
 * @param of how many other members there are
 * @param readers the other members who read it
 * @param reached the other members it reached (delivered to a device, or read)
 * @param showsWho whether the conversation shows per-person detail; when false only the counts may be shown
 */
public record ReceiptStatus(UUID conversation, long messageId, int of, List<UUID> readers, List<UUID> reached,
        boolean showsWho) {

    /** read when every other member read it, delivered when it reached every one, else sent. */
    public String state() {
        return of > 0 && readers.size() == of ? "read" : of > 0 && reached.size() == of ? "delivered" : "sent";
    }
}
