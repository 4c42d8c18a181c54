package nl.klaslijn.chat.protocol;

import nl.klaslijn.chat.messages.ChatMessage;
import nl.klaslijn.chat.protocol.Views.MessageView;

/** Domain objects to their wire views. */
public final class ViewMapper {

    private ViewMapper() {}

    public static MessageView message(ChatMessage m) {
        return new MessageView(Long.toString(m.id()), m.conversationId().toString(), m.senderId().toString(),
                m.clientMessageId(), m.text(), m.sentAt().toString());
    }
}
