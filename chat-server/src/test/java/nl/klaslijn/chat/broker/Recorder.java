package nl.klaslijn.chat.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that records what a node received, for assertions. */
final class Recorder implements BrokerListener {

    record Received(String channel, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final List<Received> messages = new CopyOnWriteArrayList<>();
    final List<String> health = new CopyOnWriteArrayList<>();

    @Override
    public void message(String channel, byte[] payload) {
        messages.add(new Received(channel, payload));
    }

    @Override
    public void interrupted() {
        health.add("interrupted");
    }

    @Override
    public void resumed() {
        health.add("resumed");
    }

    /** The texts received on {@code channel}, in arrival order. */
    List<String> texts(String channel) {
        return messages.stream().filter(m -> m.channel().equals(channel)).map(Received::text).toList();
    }

    boolean got(String channel, String text) {
        return texts(channel).contains(text);
    }
}
