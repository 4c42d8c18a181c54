package nl.klaslijn.chat.protocol;

import org.jspecify.annotations.Nullable;

/** Bodies of the live events on /user/events besides messages (docs/protocol.md, "Events"). */
public final class LiveViews {

    private LiveViews() {}

    /** The user joined ({@code change = "added"}) or left ({@code "removed"}) a conversation. */
    public record MembershipEvent(String type, String conversationId, String change) {
        public MembershipEvent(String conversationId, boolean added) {
            this("membership", conversationId, added ? "added" : "removed");
        }
    }

    /**
     * Live delivery may have missed events: run /app/sync after a random wait in [0, jitterMs). {@code live} false: live delivery is
     * interrupted (sync again when a resync with live true follows); true: it is back.
     */
    public record ResyncEvent(String type, boolean live, String reason, long jitterMs) {
        /**
         * @param jitterMs clients wait a random time in [0, jitterMs) before they run {@code /app/sync}, so a
         *     node's clients do not all sync in the same instant (0: at once)
         */
        public ResyncEvent(boolean live, String reason, long jitterMs) {
            this("resync", live, reason, jitterMs);
        }
    }

    /** A member read up to a message. userId is null when the conversation does not show who. */
    public record ReadEvent(String type, String conversationId, @Nullable String userId, String upTo) {
        public ReadEvent(String conversationId, @Nullable String userId, String upTo) {
            this("read", conversationId, userId, upTo);
        }
    }

    /** A member's device received messages up to this one. userId is null when the conversation does not show who. */
    public record DeliveredEvent(String type, String conversationId, @Nullable String userId, String upTo) {
        public DeliveredEvent(String conversationId, @Nullable String userId, String upTo) {
            this("delivered", conversationId, userId, upTo);
        }
    }

    /** A member is typing (expires after a few seconds without a new one). */
    public record TypingEvent(String type, String conversationId, String userId) {
        public TypingEvent(String conversationId, String userId) {
            this("typing", conversationId, userId);
        }
    }

    /** A user's presence: state online, away or offline; lastSeen (ISO-8601) when offline, if known. */
    public record PresenceEvent(String type, String userId, String state, @Nullable String lastSeen) {
        public PresenceEvent(String userId, String state, @Nullable String lastSeen) {
            this("presence", userId, state, lastSeen);
        }
    }

    /**
     * Reply to /app/receipts: the state of one message for the other members. of = the other members;
     * deliveredTo / readBy = how many of them reached / read it. readers and deliveredToUsers list who,
     * only where the conversation shows per-person detail (null otherwise). state: read when all read,
     * delivered when it reached all, else sent.
     */
    public record ReceiptsReply(String type, String conversationId, String messageId, int of, int deliveredTo,
            int readBy, String state, java.util.@Nullable List<String> readers,
            java.util.@Nullable List<String> deliveredToUsers) {
        public ReceiptsReply(String conversationId, String messageId, int of, int deliveredTo, int readBy, String state,
                java.util.@Nullable List<String> readers, java.util.@Nullable List<String> deliveredToUsers) {
            this("receipts", conversationId, messageId, of, deliveredTo, readBy, state, readers, deliveredToUsers);
        }
    }

    /** Reply to /app/settings: the user's chat settings after the change. */
    public record SettingsReply(String type, boolean sharePresence, boolean sendReadReceipts) {
        public SettingsReply(boolean sharePresence, boolean sendReadReceipts) {
            this("settings", sharePresence, sendReadReceipts);
        }
    }

    /** Reply to /app/presence/query: the other members who share their presence. */
    public record PresenceReply(String type, String conversationId, java.util.List<PresenceEvent> members) {
        public PresenceReply(String conversationId, java.util.List<PresenceEvent> members) {
            this("presence-list", conversationId, members);
        }
    }
}
