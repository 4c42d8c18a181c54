package nl.klaslijn.chat.signals;

import java.util.UUID;

/**
 * Publishes a live event to the members of one conversation who are online, on every node, once per
 * event (not per recipient). Best effort like all live delivery: what a client misses it reads on
 * sync. Implemented by the delivery layer; must not block.
 */
public interface Signals {

    enum Kind {
        /** value = read-up-to message id. */
        READ,
        /** value = delivered-up-to message id. */
        DELIVERED,
        /** value unused; the typist's own devices do not get it. */
        TYPING,
        /** value = last seen, epoch millis (0 when online). */
        PRESENCE
    }

    /**
     * @param user whom the event is about (reader, typist, ...); used for routing, not shown: what
     *     clients see is {@code body}
     * @param body the JSON body clients receive (a record of {@code protocol.LiveViews})
     */
    void publish(Kind kind, UUID school, UUID conversation, UUID user, long value, Object body);

    /** The user changed their chat settings: every node serving the school forgets its cached copy at once. */
    void settingsChanged(UUID school, UUID user);

    /**
     * Sends an event to the user's own devices only, on every node (e.g. their read pointer when they
     * do not send read receipts: their other devices update unread counts, nobody else learns of it).
     */
    void toOwnDevices(UUID school, UUID user, UUID conversation, String eventType, Object body);
}
