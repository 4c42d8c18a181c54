package nl.klaslijn.chat.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** JSON bodies the server sends in MESSAGE frames (docs/protocol.md). Ids are strings. */
public final class Views {

    private Views() {}

    public record MessageView(String id, String conversationId, String senderId, String clientMessageId, String text,
            String sentAt) {}

    public record LastMessage(String id, String senderId, String preview) {}

    /** unread counts the other members' messages after readUpTo, capped at {@code UNREAD_CAP}. */
    public record ConversationView(String id, String kind, String title, @Nullable LastMessage lastMessage,
            @Nullable String readUpTo, int unread) {}

    /** Event on /user/events and /conversations/{id}: a new message. */
    public record MessageEvent(String type, MessageView message) {
        public MessageEvent(MessageView message) {
            this("message", message);
        }
    }

    /** Reply to /app/conversations. */
    public record ConversationsReply(String type, List<ConversationView> conversations) {
        public ConversationsReply(List<ConversationView> conversations) {
            this("conversations", conversations);
        }
    }

    /** Reply to /app/direct. */
    public record DirectReply(String type, ConversationView conversation) {
        public DirectReply(ConversationView conversation) {
            this("direct", conversation);
        }
    }

    /** Reply to /app/history: newest first; nextBefore is the cursor for the next older page, null at the start. */
    public record HistoryReply(String type, String conversationId, List<MessageView> messages,
            @Nullable String nextBefore) {
        public HistoryReply(String conversationId, List<MessageView> messages, @Nullable String nextBefore) {
            this("history", conversationId, messages, nextBefore);
        }
    }

    /**
     * One changed conversation in a sync reply: the missed messages oldest first. complete is false when
     * more were missed than returned; the older ones are then read with /app/history before the first.
     */
    public record ChangedConversation(ConversationView conversation, List<MessageView> messages, boolean complete) {}

    /**
     * Reply to /app/sync. syncPoint is the {@code since} for the next sync. A partial reply (its byte
     * budget was reached) names the cursor to continue this sync with, and keeps syncPoint at the request's
     * {@code since}, so a client that stores it before finishing skips nothing; the last page (partial false,
     * cursor null) carries the sync point the whole sync reached.
     */
    public record SyncReply(String type, String syncPoint, List<ChangedConversation> conversations, boolean partial,
            @Nullable String cursor, List<JsonNode> portalEvents, List<String> refetch) {
        public SyncReply(String syncPoint, List<ChangedConversation> conversations) {
            this("sync", syncPoint, conversations, false, null, List.of(), List.of());
        }

        public SyncReply(String syncPoint, List<ChangedConversation> conversations, boolean partial,
                @Nullable String cursor) {
            this("sync", syncPoint, conversations, partial, cursor, List.of(), List.of());
        }

        /** This reply with the portal catch-up of the same {@code since} up to its sync point. */
        public SyncReply withPortal(PortalCatchUp portal) {
            return new SyncReply(type, syncPoint, conversations, partial, cursor, portal.events(), portal.refetch());
        }
    }

    /**
     * The portal part of a sync's last page: the portal events for the user after {@code since} up to the sync point,
     * oldest first (each as portal-api sent it), or, where they cannot all be replayed (older than the retained
     * window, or more than a reply carries), the modules whose data the client must fetch again.
     */
    public record PortalCatchUp(List<JsonNode> events, List<String> refetch) {
        public static final PortalCatchUp NONE = new PortalCatchUp(List.of(), List.of());
    }

    /** Reply to /app/token when the fresh token was refused; the connection and its token stay as they were. */
    public record TokenRefused(String type, String code, String message) {
        public TokenRefused(String code, String message) {
            this("token-refused", code, message);
        }
    }
}
