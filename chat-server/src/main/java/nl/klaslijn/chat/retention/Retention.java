package nl.klaslijn.chat.retention;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.common.ids.SnowflakeIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each school's chat retention and the sweep that enforces it. A sweep walks every conversation; for each, with the
 * cutoff = now minus its school's retention, it deletes every bucket that ends before the cutoff (messages, then the
 * bucket marker), the messages before the cutoff in the bucket that spans it (a range delete), and members' previews of
 * a last message before the cutoff. A sweep, not a TTL at write: a school that changes its retention is followed by
 * the next sweep, for history written before the change too. Every node sweeps (every step is idempotent, so two
 * nodes sweeping at once only repeat work); a deleted message is gone by at most one sweep interval after it passed the
 * retention.
 */
public final class Retention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** What one sweep did (counts only). */
    public record SweepResult(int conversations, int bucketsDeleted, int previewsCleared) {}

    private final RetentionStore store;
    private final RetentionSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chat-retention");
        t.setDaemon(true);
        return t;
    });

    public Retention(CqlSession session, RetentionSettings settings, Clock clock) {
        this.store = new RetentionStore(session);
        this.settings = settings;
        this.clock = clock;
    }

    /** Sweeps every {@code sweep-interval}, the first time one interval after the start. */
    public void start() {
        long every = settings.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                SweepResult r = sweep();
                log.info("Retention sweep: {} conversations, {} buckets deleted, {} previews cleared",
                        r.conversations(), r.bucketsDeleted(), r.previewsCleared());
            } catch (RuntimeException e) {
                log.warn("Retention sweep failed, next one in {}: {}", settings.sweepInterval(), e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** The school's retention in days (its own setting, else the default). */
    public CompletionStage<Integer> days(UUID school) {
        return CompletableFuture.supplyAsync(() -> store.days(school).orElse(settings.defaultDays()), executor);
    }

    /** Sets the school's retention (1 to {@value RetentionSettings#MAX_DAYS} days); the next sweep follows it. */
    public CompletionStage<Integer> putDays(UUID school, int days) {
        if (days < 1 || days > RetentionSettings.MAX_DAYS) {
            throw new RequestException(ErrorCode.MALFORMED_BODY,
                    "retentionDays must be 1 to " + RetentionSettings.MAX_DAYS);
        }
        return CompletableFuture.supplyAsync(() -> {
            store.putDays(school, days);
            return days;
        }, executor);
    }

    /** One sweep over every conversation of every school, on the calling thread. */
    public SweepResult sweep() {
        Instant now = clock.instant();
        Map<UUID, Integer> days = new HashMap<>();
        int[] counts = new int[3];
        store.forEachConversation(c -> {
            int retention = days.computeIfAbsent(c.school(), s -> store.days(s).orElse(settings.defaultDays()));
            Instant cutoff = now.minus(Duration.ofDays(retention));
            counts[0]++;
            sweep(c, cutoff, counts);
        });
        return new SweepResult(counts[0], counts[1], counts[2]);
    }

    private void sweep(RetentionStore.SweptConversation c, Instant cutoff, int[] counts) {
        if (cutoff.toEpochMilli() <= SnowflakeIds.EPOCH) {
            return;
        }
        long firstKept = SnowflakeIds.lowestAt(cutoff);
        long spanning = Buckets.of(firstKept, c.bucketMillis());
        List<Long> buckets = store.bucketsUpTo(c, spanning);
        if (buckets.isEmpty()) {
            return;
        }
        for (long bucket : buckets) {
            if (bucket < spanning) {
                store.deleteBucket(c, bucket);
                counts[1]++;
            } else {
                store.deleteOlder(c, bucket, firstKept);
            }
        }
        for (RetentionStore.LastMessage last : store.lastMessages(c)) {
            if (last.messageId() < firstKept) {
                store.deletePreview(c, last.member(), Buckets.writeTimestampMicros(last.messageId()));
                counts[2]++;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
