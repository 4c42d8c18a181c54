package nl.klaslijn.chat.settings;

/**
 * A user's choices. Defaults when the user has stored none (docs/protocol.md, "Settings"): parents, and anyone the
 * school directory does not list as staff, share nothing ({@link #PARENT_DEFAULT}: no presence, no last seen, no read
 * receipts) until they choose to, matching the portal's privacy defaults; staff share both ({@link #STAFF_DEFAULT}).
 *
 * @param sharePresence whether people who share a conversation see when this user is online, and their last seen
 * @param sendReadReceipts whether others see this user's reads; unread counts work either way
 */
public record UserPreferences(boolean sharePresence, boolean sendReadReceipts) {

    public static final UserPreferences STAFF_DEFAULT = new UserPreferences(true, true);
    public static final UserPreferences PARENT_DEFAULT = new UserPreferences(false, false);
}
