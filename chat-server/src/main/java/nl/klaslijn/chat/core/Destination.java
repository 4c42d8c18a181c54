package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.util.UUID;
import nl.klaslijn.chat.protocol.RequestException;

/** The destinations of docs/protocol.md, parsed. Anything else is {@link ErrorCode#UNKNOWN_DESTINATION}. */
public sealed interface Destination {

    String USER_EVENTS = "/user/events";
    String USER_REPLIES = "/user/replies";
    String CONVERSATION_PREFIX = "/conversations/";

    /** SUBSCRIBE: every event for the user, from all their conversations. */
    record UserEvents() implements Destination {}

    /** SUBSCRIBE: replies to this connection's requests. */
    record UserReplies() implements Destination {}

    /** SUBSCRIBE: the events of one conversation. */
    record ConversationTopic(UUID conversationId) implements Destination {}

    /** SEND /app/conversations/{id}/messages */
    record PostMessage(UUID conversationId) implements Destination {}

    /** SEND /app/conversations/{id}/read */
    record MarkRead(UUID conversationId) implements Destination {}

    /** SEND /app/conversations/{id}/delivered: this device received messages up to an id. */
    record MarkDelivered(UUID conversationId) implements Destination {}

    /** SEND /app/conversations/{id}/typing: the user is typing (throttled, never stored). */
    record Typing(UUID conversationId) implements Destination {}

    /** SEND /app/receipts: the read and delivery state of one message. */
    record Receipts() implements Destination {}

    /** SEND /app/settings: read or change the user's chat settings. */
    record Settings() implements Destination {}

    /** SEND /app/presence: this device's state (online or away). */
    record SetPresence() implements Destination {}

    /** SEND /app/presence/query: the presence of a conversation's other members. */
    record QueryPresence() implements Destination {}

    /** SEND /app/conversations: list the user's conversations. */
    record ListConversations() implements Destination {}

    /** SEND /app/direct: open (or create) the direct conversation with a user. */
    record StartDirect() implements Destination {}

    /** SEND /app/history */
    record History() implements Destination {}

    /** SEND /app/sync */
    record Sync() implements Destination {}

    /** SEND /app/token: replace this connection's access token with a fresh one (in-band refresh). */
    record RenewToken() implements Destination {}

    static Destination forSubscribe(String destination) {
        if (destination.equals(USER_EVENTS)) {
            return new UserEvents();
        }
        if (destination.equals(USER_REPLIES)) {
            return new UserReplies();
        }
        if (destination.startsWith(CONVERSATION_PREFIX)) {
            return new ConversationTopic(uuid(destination.substring(CONVERSATION_PREFIX.length()), destination));
        }
        throw unknown(destination);
    }

    static Destination forSend(String destination) {
        switch (destination) {
            case "/app/conversations":
                return new ListConversations();
            case "/app/direct":
                return new StartDirect();
            case "/app/history":
                return new History();
            case "/app/sync":
                return new Sync();
            case "/app/receipts":
                return new Receipts();
            case "/app/settings":
                return new Settings();
            case "/app/presence":
                return new SetPresence();
            case "/app/presence/query":
                return new QueryPresence();
            case "/app/token":
                return new RenewToken();
            default:
                break;
        }
        String prefix = "/app/conversations/";
        if (destination.startsWith(prefix)) {
            String rest = destination.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                UUID id = uuid(rest.substring(0, slash), destination);
                switch (rest.substring(slash + 1)) {
                    case "messages":
                        return new PostMessage(id);
                    case "read":
                        return new MarkRead(id);
                    case "delivered":
                        return new MarkDelivered(id);
                    case "typing":
                        return new Typing(id);
                    default:
                        break;
                }
            }
        }
        throw unknown(destination);
    }

    private static UUID uuid(String text, String destination) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text)) { // canonical lower-case form only: one spelling per destination
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw unknown(destination);
    }

    private static RequestException unknown(String destination) {
        String shown = destination.length() > 80 ? destination.substring(0, 80) + "…" : destination;
        return new RequestException(ErrorCode.UNKNOWN_DESTINATION, "unknown destination " + shown);
    }
}
