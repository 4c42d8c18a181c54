package nl.klaslijn.chat.conversations;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation with its members as one consistent snapshot (what the membership cache holds).
 * {@code bucketMillis} is the width of the time buckets its messages are partitioned by; fixed at creation.
 */
public record Conversation(
        UUID schoolId,
        UUID id,
        ConversationKind kind,
        String title,
        long bucketMillis,
        Instant createdAt,
        Map<UUID, MemberRole> members) {

    public Conversation {
        members = Map.copyOf(members);
    }

    /** The member's role, or null when the user is not a member. */
    public @Nullable MemberRole roleOf(UUID userId) {
        return members.get(userId);
    }
}
