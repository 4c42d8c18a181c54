package nl.klaslijn.chat.core;

import nl.klaslijn.chat.conversations.ConversationAccess;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.chat.presence.Presence;
import nl.klaslijn.chat.receipts.Receipts;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.signals.Signals;
import nl.klaslijn.chat.sync.Inbox;

/** The services a session's frames reach, gathered so the core's constructor stays short. */
public record CoreServices(ConversationAccess access, Conversations conversations, Messages messages, Inbox inbox,
        Receipts receipts, Preferences preferences, Presence presence, Signals signals, PortalCatchUps portal) {

    public CoreServices(ConversationAccess access, Conversations conversations, Messages messages, Inbox inbox,
            Receipts receipts, Preferences preferences, Presence presence, Signals signals) {
        this(access, conversations, messages, inbox, receipts, preferences, presence, signals, PortalCatchUps.NONE);
    }
}
