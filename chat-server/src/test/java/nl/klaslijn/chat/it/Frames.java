package nl.klaslijn.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;

/** Reading frames in tests: wait for the next MESSAGE, decode bodies. */
final class Frames {

    private Frames() {}

    /** The next MESSAGE on the client, or a failure after 10 s. */
    static StompFrame next(StompClient client) {
        try {
            StompFrame frame = client.messages().poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a MESSAGE within 10 s").isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Views.MessageView nextMessage(StompClient client) {
        return Wire.decode(next(client).body(), Views.MessageEvent.class).message();
    }

    /** Reads MESSAGE frames until the one with this message id (earlier ones, e.g. from a flood, are skipped). */
    static Views.MessageView skipTo(StompClient client, String messageId) {
        for (int i = 0; i < 1000; i++) {
            Views.MessageView m = nextMessage(client);
            if (m.id().equals(messageId)) {
                return m;
            }
        }
        throw new AssertionError("message " + messageId + " not received");
    }

    /** Drains {@code count} messages. */
    static List<Views.MessageView> nextMessages(StompClient client, int count) {
        List<Views.MessageView> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(nextMessage(client));
        }
        return out;
    }

    /** Asserts that nothing more arrives within a short while (used after the expected frames were read). */
    static void assertNoMoreMessages(StompClient client) {
        BlockingQueue<StompFrame> queue = client.messages();
        try {
            assertThat(queue.poll(300, TimeUnit.MILLISECONDS)).as("no further MESSAGE").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T reply(StompFrame frame, Class<T> type) {
        return Wire.decode(frame.body(), type);
    }
}
