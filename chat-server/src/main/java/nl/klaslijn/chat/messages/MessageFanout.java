package nl.klaslijn.chat.messages;

import nl.klaslijn.chat.conversations.Conversation;

/**
 * Live delivery of a stored message to the members' connections. Called only after the message and its
 * index entries are durable in Cassandra, and at most once per stored message by this node. Live
 * delivery is best effort: a member who misses it gets the message through catch-up.
 */
public interface MessageFanout {

    void stored(Conversation conversation, ChatMessage message);
}
