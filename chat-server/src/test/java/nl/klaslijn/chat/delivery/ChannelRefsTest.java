package nl.klaslijn.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.klaslijn.chat.broker.BrokerListener;
import nl.klaslijn.chat.broker.MemoryBroker;
import org.junit.jupiter.api.Test;

/** Reference counting over the real in-memory broker engine. */
class ChannelRefsTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final MemoryBroker broker = new MemoryBroker((BrokerListener) (channel, payload) ->
            received.add(channel + "=" + new String(payload, StandardCharsets.UTF_8)));
    private final ChannelRefs refs = new ChannelRefs(broker);

    @Test
    void aChannelStaysSubscribedUntilTheLastHolderLetsGo() {
        refs.acquire("c:1");
        refs.acquire("c:1");
        refs.release("c:1");
        publish("c:1", "still");
        refs.release("c:1");
        publish("c:1", "gone");

        assertThat(received).containsExactly("c:1=still");
        assertThat(refs.channels()).isZero();
    }

    @Test
    void releasingWhatWasNeverHeldChangesNothing() {
        refs.acquire("c:2");
        refs.release("c:3");
        publish("c:2", "x");

        assertThat(received).containsExactly("c:2=x");
        assertThat(refs.channels()).isEqualTo(1);
    }

    private void publish(String channel, String text) {
        broker.publish(channel, text.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
    }
}
