package nl.klaslijn.chat.presence;

import java.util.Locale;

/** A user's presence; a device is ONLINE or AWAY, a user is the best over their devices, OFFLINE with none. */
public enum PresenceState {
    ONLINE, AWAY, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PresenceState best(PresenceState a, PresenceState b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
