package nl.klaslijn.chat.messages;

/** The outcome of a send: the server id, and whether this was a retry of an already stored message. */
public record SendResult(ChatMessage message, boolean duplicate) {}
