package nl.klaslijn.chat.presence;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A member's presence as another member may see it; lastSeen only when offline, and only if known. */
public record MemberPresence(UUID user, PresenceState state, @Nullable Instant lastSeen) {}
