package nl.klaslijn.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResyncPacerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Slack for the test's own clock readings, taken a moment after the pacer's. */
    private static final Duration READING_SLACK = Duration.ofMillis(5);

    private record Sent(String resync, long nanos, Thread thread) {}

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private ResyncPacer<String> pacer(Duration interval) {
        return new ResyncPacer<>(interval, executor, resync -> sent.add(new Sent(resync, System.nanoTime(),
                Thread.currentThread())));
    }

    @Test
    void theFirstRequestIsSentAtOnceOnTheCallersThread() {
        pacer(INTERVAL).request("interrupted");

        assertThat(sent).extracting(Sent::resync).containsExactly("interrupted");
        assertThat(sent.get(0).thread()).isSameAs(Thread.currentThread());
    }

    @Test
    void requestsWithinTheIntervalFoldIntoOneSentWhenItIsOverCarryingTheLatest() {
        ResyncPacer<String> pacer = pacer(INTERVAL);
        long started = System.nanoTime();
        pacer.request("first");
        for (int i = 0; i < 50; i++) {
            pacer.request("flap-" + i);
        }
        Duration requesting = Duration.ofNanos(System.nanoTime() - started);

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.get(sent.size() - 1).resync().equals("flap-49"));
        assertThat(sent.get(0).resync()).isEqualTo("first");
        assertThat(sent).as("one send per interval the requests spanned, plus the first and the last")
                .hasSizeLessThanOrEqualTo(2 + (int) (requesting.toNanos() / INTERVAL.toNanos()));
        for (int i = 1; i < sent.size(); i++) {
            assertThat(gap(i - 1, i)).isGreaterThanOrEqualTo(INTERVAL.minus(READING_SLACK));
        }
    }

    @Test
    void aRequestRightAfterAFoldedSendWaitsForTheNextIntervalToo() {
        ResyncPacer<String> pacer = pacer(INTERVAL);
        pacer.request("first");
        pacer.request("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);

        pacer.request("third");

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);
        assertThat(sent).extracting(Sent::resync).containsExactly("first", "second", "third");
        assertThat(gap(1, 2)).isGreaterThanOrEqualTo(INTERVAL.minus(READING_SLACK));
    }

    @Test
    void aZeroIntervalSendsEveryRequestAtOnce() {
        ResyncPacer<String> pacer = pacer(Duration.ZERO);
        pacer.request("a");
        pacer.request("b");

        assertThat(sent).extracting(Sent::resync).containsExactly("a", "b");
    }

    private Duration gap(int earlier, int later) {
        return Duration.ofNanos(sent.get(later).nanos() - sent.get(earlier).nanos());
    }
}
