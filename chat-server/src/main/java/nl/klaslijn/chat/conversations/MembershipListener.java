package nl.klaslijn.chat.conversations;

import java.util.UUID;

/**
 * Told after a membership change is durable in Cassandra, so the live layer can start or stop
 * delivering the conversation to the user's connections on every node. Must not block.
 */
@FunctionalInterface
public interface MembershipListener {

    /** {@code member} is true when the user joined (or changed role), false when they left. */
    void changed(UUID school, UUID conversation, UUID user, boolean member);

    MembershipListener NONE = (school, conversation, user, member) -> {};
}
