package nl.klaslijn.chat.conversations;

/** A member's role in one conversation. Stored by its lower-case name. */
public enum MemberRole {
    /** Reads and posts. */
    MEMBER,
    /** Reads, posts and manages membership. */
    OWNER,
    /** Reads only. */
    READER;

    public boolean mayPost() {
        return this != READER;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MemberRole fromWire(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
