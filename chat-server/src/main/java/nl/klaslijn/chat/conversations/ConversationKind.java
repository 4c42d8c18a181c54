package nl.klaslijn.chat.conversations;

/** What a conversation is. Stored by its lower-case name. */
public enum ConversationKind {
    /** Exactly two people; exactly one such conversation per pair in a school. */
    DIRECT,
    /** A named group whose members all read and post. */
    GROUP,
    /** Owners post, readers only read (a teacher's channel to the parents of a class). */
    ANNOUNCEMENT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ConversationKind fromWire(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
