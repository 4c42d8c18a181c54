package nl.klaslijn.chat.settings;

/**
 * A user's choices. Defaults: presence shared, read receipts sent.
 *
 * @param sharePresence whether people who share a conversation see when this user is online
 * @param sendReadReceipts whether others see this user's reads; unread counts work either way
 */
public record UserPreferences(boolean sharePresence, boolean sendReadReceipts) {

    public static final UserPreferences DEFAULT = new UserPreferences(true, true);
}
