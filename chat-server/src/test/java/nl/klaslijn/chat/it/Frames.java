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

    /** The next chat message, skipping other live events (membership, presence, reads, typing) as a client may. */
    static Views.MessageView nextMessage(StompClient client) {
        return Wire.decode(nextEvent(client, "message").body(), Views.MessageEvent.class).message();
    }

    /** The next MESSAGE frame whose event-type is {@code type}, skipping frames of other types. */
    static StompFrame nextEvent(StompClient client, String type) {
        for (int i = 0; i < 10_000; i++) {
            StompFrame frame = next(client);
            if (type.equals(frame.header("event-type"))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " event");
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
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                StompFrame frame = queue.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null && "message".equals(frame.header("event-type"))) {
                    assertThat(frame.body()).as("no further chat message").isNull();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T reply(StompFrame frame, Class<T> type) {
        return Wire.decode(frame.body(), type);
    }
}
