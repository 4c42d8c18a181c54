package nl.klaslijn.chat.settings;

import nl.klaslijn.chat.conversations.ConversationKind;

/**
 * A school's choices on who-read-what detail. Defaults (privacy first): detail shown in 1:1
 * conversations only; in groups and announcements senders see counts ("read by N of M"), not names.
 */
public record SchoolPreferences(boolean readDetailDirect, boolean readDetailGroup, boolean readDetailAnnouncement) {

    public static final SchoolPreferences DEFAULT = new SchoolPreferences(true, false, false);

    public boolean readDetail(ConversationKind kind) {
        if (kind == ConversationKind.DIRECT) {
            return readDetailDirect;
        }
        return kind == ConversationKind.GROUP ? readDetailGroup : readDetailAnnouncement;
    }
}
