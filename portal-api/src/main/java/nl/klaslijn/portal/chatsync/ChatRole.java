package nl.klaslijn.portal.chatsync;

import java.util.Locale;

/** A member's role in a chat conversation, as the chat's internal API names it. */
enum ChatRole {
    /** Reads, posts, and (in the chat's terms) manages the conversation: teachers, class parents. */
    OWNER,
    /** Reads and posts. */
    MEMBER,
    /** Reads only (parents in the announcement channel). */
    READER;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
