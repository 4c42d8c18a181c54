package nl.klaslijn.chat.delivery;

import java.util.UUID;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.messages.ChatMessage;
import nl.klaslijn.chat.messages.MessageFanout;
import nl.klaslijn.chat.protocol.ViewMapper;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;

/**
 * In-memory fan-out for a single node: a stored message goes to every device of every member connected
 * here (their /user/events subscription) and to this conversation's topic subscribers. The JSON body
 * and each frame are built once and shared by all recipients.
 */
public final class LocalFanout implements MessageFanout {

    private final LocalSessions sessions;

    public LocalFanout(LocalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void stored(Conversation conversation, ChatMessage message) {
        byte[] body = Wire.encode(new Views.MessageEvent(ViewMapper.message(message)));
        String messageId = Long.toString(message.id());
        String conversationId = conversation.id().toString();
        ServerFrame events = ServerFrame.message(Destination.USER_EVENTS, messageId, body,
                "event-type", "message", "conversation-id", conversationId);
        for (UUID member : conversation.members().keySet()) {
            sessions.forEachOfUser(member, session -> {
                String subscription = session.eventsSubscription();
                if (subscription != null) {
                    session.connection().deliver(subscription, events);
                }
            });
        }
        if (sessions.hasTopicSubscribers(conversation.id())) {
            ServerFrame topic = ServerFrame.message(Destination.CONVERSATION_PREFIX + conversationId, messageId, body,
                    "event-type", "message", "conversation-id", conversationId);
            sessions.forEachOnTopic(conversation.id(), session -> {
                String subscription = session.topicSubscription(conversation.id());
                if (subscription != null && conversation.roleOf(session.connection().principal().userId()) != null) {
                    session.connection().deliver(subscription, topic);
                }
            });
        }
    }
}
