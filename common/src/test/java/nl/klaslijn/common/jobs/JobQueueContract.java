package nl.klaslijn.common.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link JobQueue} contract, run against every engine: each test gets a queue of its own (its own stream name).
 */
abstract class JobQueueContract {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration SHORT_VISIBILITY = Duration.ofMillis(200);

    private JobQueue queue;

    /** A new, empty queue named {@code name}. */
    abstract JobQueue newQueue(String name);

    @BeforeEach
    void open() {
        queue = newQueue("test-jobs-" + UUID.randomUUID());
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    @Test
    void aJobEnqueuedBeforeTheGroupsFirstConsumerIsClaimed() {
        queue.enqueue(new Job("job-1", "{\"n\":1}"));

        try (JobConsumer consumer = queue.consumer("workers", "w1")) {
            List<ClaimedJob> claimed = consumer.claim(10, Duration.ofSeconds(5));

            assertThat(claimed).extracting(ClaimedJob::job).containsExactly(new Job("job-1", "{\"n\":1}"));
        }
    }

    @Test
    void withinAGroupEveryJobGoesToExactlyOneConsumer() {
        JobConsumer first = queue.consumer("workers", "w1");
        JobConsumer second = queue.consumer("workers", "w2");
        Set<String> enqueued = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            queue.enqueue(new Job("job-" + i, "{}"));
            enqueued.add("job-" + i);
        }

        List<String> seen = new ArrayList<>();
        List<ClaimedJob> batch;
        do {
            batch = new ArrayList<>(first.claim(3, NO_WAIT));
            batch.addAll(second.claim(3, NO_WAIT));
            batch.forEach(c -> seen.add(c.job().id()));
        } while (!batch.isEmpty());

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(enqueued);
        first.close();
        second.close();
    }

    @Test
    void anAcknowledgedJobIsNeverDeliveredAgain() {
        queue.enqueue(new Job("job-acked", "{}"));
        try (JobConsumer consumer = queue.consumer("workers", "w1")) {
            ClaimedJob job = consumer.claim(1, Duration.ofSeconds(5)).get(0);

            consumer.ack(job);

            assertThat(consumer.reclaim(Duration.ZERO, 10)).isEmpty();
            assertThat(consumer.claim(10, NO_WAIT)).isEmpty();
        }
    }

    @Test
    void aJobHeldByALiveConsumerIsNotReclaimedWithinItsVisibilityTimeout() {
        queue.enqueue(new Job("job-held", "{}"));
        try (JobConsumer holder = queue.consumer("workers", "w1");
                JobConsumer other = queue.consumer("workers", "w2")) {
            assertThat(holder.claim(1, Duration.ofSeconds(5))).hasSize(1);

            assertThat(other.reclaim(Duration.ofHours(1), 10)).isEmpty();
            assertThat(other.claim(10, NO_WAIT)).isEmpty();
        }
    }

    @Test
    void aJobOfAConsumerKilledMidJobIsReclaimedByAnotherNotLost() {
        queue.enqueue(new Job("job-orphaned", "{\"n\":7}"));
        JobConsumer doomed = queue.consumer("workers", "doomed");
        assertThat(doomed.claim(1, Duration.ofSeconds(5))).extracting(c -> c.job().id()).containsExactly("job-orphaned");
        doomed.close(); // dies mid-job: never acks

        try (JobConsumer survivor = queue.consumer("workers", "survivor")) {
            assertThat(survivor.claim(10, NO_WAIT)).isEmpty(); // not handed out as new a second time
            List<ClaimedJob> reclaimed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                reclaimed.addAll(survivor.reclaim(SHORT_VISIBILITY, 10));
                return !reclaimed.isEmpty();
            });

            assertThat(reclaimed).extracting(ClaimedJob::job).containsExactly(new Job("job-orphaned", "{\"n\":7}"));
            survivor.ack(reclaimed.get(0));
            assertThat(survivor.reclaim(Duration.ZERO, 10)).isEmpty();
        }
    }

    @Test
    void aNotificationJobSurvivesTheQueueUnchanged() {
        NotificationJob job = new NotificationJob(UUID.randomUUID(), UUID.randomUUID(), "group.changed", "school",
                new nl.klaslijn.common.events.EntityRef("group", UUID.randomUUID().toString(), 42),
                nl.klaslijn.common.events.Audience.groups(List.of(UUID.randomUUID())), java.time.Instant.parse(
                        "2026-12-04T05:00:00Z"));
        queue.enqueue(job.toJob());

        try (JobConsumer consumer = queue.consumer("workers", "w1")) {
            ClaimedJob claimed = consumer.claim(1, Duration.ofSeconds(5)).get(0);

            assertThat(claimed.job().id()).isEqualTo(job.eventId().toString());
            assertThat(NotificationJob.fromJob(claimed.job())).isEqualTo(job);
        }
    }
}
