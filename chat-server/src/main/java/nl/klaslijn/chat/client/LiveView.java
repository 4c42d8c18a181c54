package nl.klaslijn.chat.client;

import java.io.PrintStream;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The open conversation's live view: every frame on {@code /user/events} (docs/protocol.md, section 3) comes here.
 * Messages of the open conversation are printed once each (by id, so a message seen in the history and again live is
 * not repeated); typing, read and presence of its people are shown as short notes; membership and resync are acted
 * on; other conversations' events and event types this client does not know are ignored. Never throws: a frame it
 * cannot read is reported on {@code err} and the view goes on.
 */
final class LiveView implements Consumer<StompFrame> {

    private final String conversationId;
    private final UUID self;
    private final PeopleBook people;
    private final LocalTimes times;
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<String> onNewMessage;
    private final Runnable onResync;
    private final Set<String> shown = ConcurrentHashMap.newKeySet();

    /**
     * @param onNewMessage called with the id of each newly shown message of another member (to mark it read)
     * @param onResync called when the server says live events may have been missed
     */
    LiveView(String conversationId, UUID self, PeopleBook people, LocalTimes times, PrintStream out, PrintStream err,
            Consumer<String> onNewMessage, Runnable onResync) {
        this.conversationId = conversationId;
        this.self = self;
        this.people = people;
        this.times = times;
        this.out = out;
        this.err = err;
        this.onNewMessage = onNewMessage;
        this.onResync = onResync;
    }

    @Override
    public void accept(StompFrame frame) {
        try {
            handle(frame);
        } catch (RuntimeException e) {
            err.println("(could not show an event of type " + frame.header("event-type") + ": " + e + ")");
        }
    }

    private void handle(StompFrame frame) {
        JsonNode body = ClientJson.tree(frame.body());
        String type = body.path("type").asString(String.valueOf(frame.header("event-type")));
        switch (type) {
            case "message" -> {
                JsonNode m = body.path("message");
                if (m.path("conversationId").asString("").equals(conversationId) && show(m)
                        && !m.path("senderId").asString("").equals(self.toString())) {
                    onNewMessage.accept(m.path("id").asString());
                }
            }
            case "typing" -> {
                if (ours(body) && !isSelf(body.path("userId"))) {
                    note(who(body.path("userId")) + " is typing…");
                }
            }
            case "read" -> {
                if (ours(body) && !isSelf(body.path("userId"))) {
                    note((body.path("userId").isString() ? who(body.path("userId")) : "someone") + " has read your messages");
                }
            }
            case "presence" -> {
                if (!isSelf(body.path("userId"))) {
                    note(who(body.path("userId")) + " is " + body.path("state").asString("?"));
                }
            }
            case "membership" -> {
                if (ours(body)) {
                    note(body.path("change").asString("").equals("removed")
                            ? "you were removed from this conversation" : "you were added to this conversation");
                }
            }
            case "resync" -> {
                if (body.path("live").asBoolean(true)) {
                    onResync.run();
                }
            }
            case "token-refused" -> err.println("(the chat refused the refreshed token: "
                    + body.path("code").asString("") + " " + body.path("message").asString("") + ")");
            default -> {
                // delivered, and event types added after this client was written: nothing to show.
            }
        }
    }

    /**
     * Prints a message of the open conversation unless it was shown already; true when it was printed now. Messages
     * come in the order given (the caller sorts history oldest first).
     */
    boolean show(JsonNode message) {
        String id = message.path("id").asString("");
        if (id.isEmpty() || !shown.add(id)) {
            return false;
        }
        out.printf("[%s] %s: %s%n", times.format(message.path("sentAt").asString("")),
                who(message.path("senderId")), message.path("text").asString(""));
        return true;
    }

    private boolean ours(JsonNode body) {
        return body.path("conversationId").asString("").equals(conversationId);
    }

    private boolean isSelf(JsonNode userId) {
        return userId.asString("").equals(self.toString());
    }

    private String who(JsonNode userId) {
        return isSelf(userId) ? "you" : people.name(userId.asString("?"));
    }

    private void note(String text) {
        out.println("  (" + text + ")");
    }
}
