package nl.klaslijn.chat.core;

import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.sync.Inbox;

/** This node's chat core: the sessions connected here and the services their frames reach. */
public final class ChatNode implements ChatCore {

    private final LocalSessions sessions;
    private final ConversationAccess access;
    private final RequestRouter requests;

    public ChatNode(LocalSessions sessions, ConversationAccess access, Conversations conversations, Messages messages,
            Inbox inbox) {
        this.sessions = sessions;
        this.access = access;
        this.requests = new RequestRouter(access, conversations, messages, inbox);
    }

    @Override
    public SessionHandler open(Connection connection) {
        ClientSession session = new ClientSession(connection, this);
        sessions.add(session);
        return session;
    }

    LocalSessions sessions() {
        return sessions;
    }

    ConversationAccess access() {
        return access;
    }

    RequestRouter requests() {
        return requests;
    }
}
