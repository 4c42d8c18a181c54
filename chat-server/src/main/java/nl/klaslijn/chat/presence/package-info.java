/**
 * Presence: online, away or offline per user across all their devices and all nodes, with last seen,
 * shown to the people who share a direct or group conversation with them, if the user allows it.
 */
@NullMarked
package nl.klaslijn.chat.presence;

import org.jspecify.annotations.NullMarked;
