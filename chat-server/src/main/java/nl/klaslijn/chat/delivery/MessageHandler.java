package nl.klaslijn.chat.delivery;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.core.DeliveryBatching;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * {@code MESSAGE}: a stored message, to every following session whose user is (still) a member, by the
 * conversation's cached member list, and to the conversation's topic subscribers. The frame carries the body
 * as published and the message id as its {@code message-id}.
 */
final class MessageHandler implements LiveEventHandler {

    private final LocalSessions sessions;
    private final Conversations conversations;
    private final DeliveryBatching batching;

    MessageHandler(LocalSessions sessions, Conversations conversations, DeliveryBatching batching) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.batching = batching;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.MESSAGE;
    }

    @Override
    public void handle(LiveEvent event) {
        CompletableFuture<Optional<Conversation>> found =
                conversations.find(event.school(), event.conversation()).toCompletableFuture();
        Optional<Conversation> now = found.getNow(null);
        if (now != null) {
            deliver(event, now);
        } else {
            found.thenAccept(c -> batching.deliverAll(() -> deliver(event, c)));
        }
    }

    private void deliver(LiveEvent event, Optional<Conversation> found) {
        if (found.isEmpty()) {
            return;
        }
        Conversation conversation = found.get();
        String messageId = Long.toString(event.value());
        String conversationId = event.conversation().toString();
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, messageId, event.body(),
                "event-type", "message", "conversation-id", conversationId);
        sessions.forEachFollower(event.conversation(), session -> {
            if (conversation.roleOf(session.userId()) != null) {
                session.deliverEvent(frame);
            }
        });
        if (sessions.hasTopicSubscribers(event.conversation())) {
            ServerFrame topic = ServerFrame.message(Destination.CONVERSATION_PREFIX + conversationId, messageId,
                    event.body(), "event-type", "message", "conversation-id", conversationId);
            sessions.forEachOnTopic(event.conversation(), session -> {
                String subscription = session.topicSubscription(event.conversation());
                if (subscription != null && conversation.roleOf(session.userId()) != null) {
                    session.connection().deliver(subscription, topic);
                }
            });
        }
    }
}
