package nl.klaslijn.chat.broker;

/** Channel name rules shared by the engines. */
final class Channels {

    private Channels() {}

    static String check(String channel) {
        if (channel.isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        return channel;
    }
}
