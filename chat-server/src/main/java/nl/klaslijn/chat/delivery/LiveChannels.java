package nl.klaslijn.chat.delivery;

import java.util.UUID;

/**
 * The broker channels: one per conversation (its messages, reads, typing, presence of its members),
 * one per school (membership changes of its users), and one every node subscribes to (revocations,
 * lost nodes).
 */
final class LiveChannels {

    static final String ALL_NODES = "n";

    private LiveChannels() {}

    static String conversation(UUID conversation) {
        return "c:" + conversation;
    }

    static String school(UUID school) {
        return "s:" + school;
    }
}
