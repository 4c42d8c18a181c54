package nl.klaslijn.chat.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Broker} contract, run against every engine. Each node is a broker on the same backplane
 * (a shared {@link MemoryBus}, or one Redis), as separate chat-server nodes would be. "Nothing else
 * arrived" is proven without sleeping: a sentinel published afterwards by the same node arrives after
 * everything published before it.
 */
abstract class BrokerContract {

    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Broker> brokers = new ArrayList<>();

    /** A new node on the backplane this test's other nodes share. */
    protected abstract Broker newBroker(BrokerListener listener);

    protected record Node(Broker broker, Recorder received) {}

    protected Node node() {
        Recorder recorder = new Recorder();
        Broker broker = newBroker(recorder);
        brokers.add(broker);
        return new Node(broker, recorder);
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(Broker::close);
    }

    protected static String channel() {
        return "conv-" + UUID.randomUUID();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stage failed", e.getCause());
        } catch (Exception e) {
            throw new AssertionError("stage did not complete", e);
        }
    }

    @Test
    void deliversToEveryNodeSubscribedToTheChannel() {
        Node a = node();
        Node b = node();
        Node c = node();
        String channel = channel();
        join(b.broker().subscribe(channel));
        join(c.broker().subscribe(channel));

        join(a.broker().publish(channel, bytes("hello")));

        await().atMost(WAIT).until(() -> b.received().got(channel, "hello") && c.received().got(channel, "hello"));
        assertThat(b.received().texts(channel)).containsExactly("hello");
        assertThat(c.received().texts(channel)).containsExactly("hello");
    }

    @Test
    void doesNotDeliverToNodesNotSubscribedToTheChannel() {
        Node a = node();
        Node b = node();
        String channel = channel();
        String sentinel = channel();
        join(b.broker().subscribe(sentinel));

        join(a.broker().publish(channel, bytes("not for b")));
        join(a.broker().publish(sentinel, bytes("done")));

        await().atMost(WAIT).until(() -> b.received().got(sentinel, "done"));
        assertThat(b.received().messages).hasSize(1);
    }

    @Test
    void deliversToThePublishingNodeWhenItIsSubscribed() {
        Node a = node();
        String channel = channel();
        join(a.broker().subscribe(channel));

        join(a.broker().publish(channel, bytes("to myself")));

        await().atMost(WAIT).until(() -> a.received().got(channel, "to myself"));
    }

    @Test
    void stopsDeliveringAfterUnsubscribe() {
        Node a = node();
        Node b = node();
        String channel = channel();
        String sentinel = channel();
        join(b.broker().subscribe(channel));
        join(b.broker().subscribe(sentinel));
        join(a.broker().publish(channel, bytes("before")));
        await().atMost(WAIT).until(() -> b.received().got(channel, "before"));

        join(b.broker().unsubscribe(channel));
        join(a.broker().publish(channel, bytes("after")));
        join(a.broker().publish(sentinel, bytes("done")));

        await().atMost(WAIT).until(() -> b.received().got(sentinel, "done"));
        assertThat(b.received().texts(channel)).containsExactly("before");
    }

    @Test
    void subscriptionsAreASetNotACount() {
        Node a = node();
        Node b = node();
        String channel = channel();
        String sentinel = channel();
        join(b.broker().subscribe(sentinel));
        join(b.broker().subscribe(channel));
        join(b.broker().subscribe(channel));

        join(a.broker().publish(channel, bytes("once")));
        join(a.broker().publish(sentinel, bytes("first")));
        await().atMost(WAIT).until(() -> b.received().got(sentinel, "first"));
        assertThat(b.received().texts(channel)).containsExactly("once");

        join(b.broker().unsubscribe(channel));
        join(b.broker().unsubscribe(channel));
        join(a.broker().publish(channel, bytes("gone")));
        join(a.broker().publish(sentinel, bytes("second")));
        await().atMost(WAIT).until(() -> b.received().got(sentinel, "second"));
        assertThat(b.received().texts(channel)).containsExactly("once");
    }

    @Test
    void keepsManyChannelsApart() {
        Node a = node();
        Node b = node();
        List<String> channels = IntStream.range(0, 200).mapToObj(i -> channel()).toList();
        channels.forEach(channel -> join(b.broker().subscribe(channel)));

        channels.forEach(channel -> a.broker().publish(channel, bytes("for " + channel)));

        await().atMost(WAIT).until(() -> b.received().messages.size() >= channels.size());
        assertThat(b.received().messages).hasSize(channels.size());
        assertThat(b.received().messages).allSatisfy(m -> assertThat(m.text()).isEqualTo("for " + m.channel()));
    }

    @Test
    void carriesPayloadBytesUnchanged() {
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] large = new byte[64 * 1024];
        ThreadLocalRandom.current().nextBytes(large);
        List<byte[]> payloads = List.of(everyByte, new byte[0], large);

        payloads.forEach(payload -> join(a.broker().publish(channel, payload)));

        await().atMost(WAIT).until(() -> b.received().messages.size() == payloads.size());
        assertThat(b.received().messages).extracting(Recorder.Received::payload).containsExactlyElementsOf(payloads);
    }

    @Test
    void deliversOneNodesMessagesInPublishOrder() {
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));
        List<String> sent = IntStream.range(0, 500).mapToObj(Integer::toString).toList();

        sent.forEach(text -> a.broker().publish(channel, bytes(text)));

        await().atMost(WAIT).until(() -> b.received().messages.size() == sent.size());
        assertThat(b.received().texts(channel)).containsExactlyElementsOf(sent);
    }

    @Test
    void publishingWithoutSubscribersCompletes() {
        Node a = node();

        join(a.broker().publish(channel(), bytes("nobody listens")));
    }

    @Test
    void startsLiveWithoutHealthEvents() {
        Node a = node();

        assertThat(a.broker().isLive()).isTrue();
        assertThat(a.received().health).isEmpty();
    }

    @Test
    void closedBrokerRefusesToPublishAndReceivesNothing() {
        Node a = node();
        Node b = node();
        String channel = channel();
        join(b.broker().subscribe(channel));

        b.broker().close();
        b.broker().close();

        assertThat(b.broker().isLive()).isFalse();
        assertThatThrownBy(() -> b.broker().publish(channel, bytes("x")).toCompletableFuture().join())
                .hasCauseInstanceOf(BrokerUnavailableException.class);
        join(a.broker().publish(channel, bytes("after close")));
        assertThat(b.received().messages).isEmpty();
    }

    @Test
    void rejectsAnEmptyChannelName() {
        Node a = node();

        assertThatThrownBy(() -> a.broker().subscribe("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.broker().publish("", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
