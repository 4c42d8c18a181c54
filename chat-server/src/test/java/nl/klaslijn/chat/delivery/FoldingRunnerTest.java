package nl.klaslijn.chat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FoldingRunnerTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> runs = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void requestsWhileARunIsGoingFoldIntoOneMoreRunWithTheLastArgument() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoRuns = new CountDownLatch(2);
        FoldingRunner<String> runner = new FoldingRunner<>(executor, argument -> {
            runs.add(argument);
            if (argument.equals("first")) {
                firstStarted.countDown();
                block(release);
            }
            twoRuns.countDown();
        });

        runner.request("first");
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        runner.request("second");
        runner.request("third");
        runner.request("fourth");
        release.countDown();

        assertThat(twoRuns.await(5, TimeUnit.SECONDS)).isTrue();
        runner.request("probe"); // runs are sequential: a wrongly queued extra run would come before it
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.contains("probe"));
        assertThat(runs).containsExactly("first", "fourth", "probe");
    }

    @Test
    void aRequestAfterTheRunsEndedStartsANewRun() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        FoldingRunner<String> runner = new FoldingRunner<>(executor, argument -> {
            runs.add(argument);
            done.countDown();
        });

        runner.request("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        runner.request("b");

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).containsExactly("a", "b");
    }

    @Test
    void aFailingRunDoesNotStopTheFoldedOneAfterIt() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        FoldingRunner<String> runner = new FoldingRunner<>(executor, argument -> {
            runs.add(argument);
            if (argument.equals("failing")) {
                firstStarted.countDown();
                block(release);
                throw new IllegalStateException("boom");
            }
            secondRan.countDown();
        });

        runner.request("failing");
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        runner.request("next");
        release.countDown();

        assertThat(secondRan.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).containsExactly("failing", "next");
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
