package nl.klaslijn.chat.delivery;

import java.util.UUID;

/**
 * The broker channels: one per conversation (its messages, reads, typing, presence of its members),
 * one per school (membership changes of its users), and one every node subscribes to (revocations,
 * lost nodes).
 */
public final class LiveChannels {

    public static final String ALL_NODES = "n";

    private LiveChannels() {}

    public static String conversation(UUID conversation) {
        return "c:" + conversation;
    }

    public static String school(UUID school) {
        return "s:" + school;
    }
}
