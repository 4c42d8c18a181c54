package nl.klaslijn.portal.events;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import nl.klaslijn.common.jobs.JobQueue;
import nl.klaslijn.common.jobs.NotificationJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox to the chat server, at least once: one thread per instance makes a pass every
 * {@code interval} (at once when {@link #wake() woken} by a new event). Per outbox shard it takes the shard's lease
 * (so of several instances one works a shard at a time; a dead holder's lease runs out), reads the shard's events, and
 * sends them per school in batches of up to {@code batch-size}. After a 2xx it enqueues each event's
 * {@link NotificationJob} and only then deletes the rows, so a crash in between means one more delivery (the chat
 * dedupes by event id) and one more job with the same id, never a lost one.
 *
 * <p>A batch the chat refuses with 400, 413 or 422 is sent again one event at a time; an event refused alone is parked
 * in {@code portal_event_dead_letters} (logged by id and status) and the others go on. Any other answer (401/403: our
 * token; 404: an older chat; 429, 5xx) or none stops the pass and the next one waits, doubling from {@code interval}
 * up to {@code max-backoff}; the events stay in the outbox. Logs carry ids and counts only.
 */
class EventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventRelay.class);
    private static final int READ_LIMIT = 1000;

    private final OutboxStore store;
    private final ChatEventsClient chat;
    private final JobQueue jobs;
    private final Clock clock;
    private final EventProperties.Relay settings;
    private final UUID holder = UUID.randomUUID();

    private @Nullable ScheduledExecutorService executor;
    private @Nullable ScheduledFuture<?> next;
    private boolean passRunning;
    private boolean rerun;
    private Duration backoff = Duration.ZERO;

    EventRelay(OutboxStore store, ChatEventsClient chat, JobQueue jobs, Clock clock, EventProperties properties) {
        this.store = store;
        this.chat = chat;
        this.jobs = jobs;
        this.clock = clock;
        this.settings = properties.relay();
    }

    /** Asks for a pass now; ignored while backing off from a failing chat server (the next pass is scheduled). */
    synchronized void wake() {
        if (passRunning) {
            rerun = true;
        } else if (backoff.isZero()) {
            schedule(Duration.ZERO);
        }
    }

    private void runPass() {
        synchronized (this) {
            passRunning = true;
            rerun = false;
        }
        boolean failed = true;
        try {
            pass();
            failed = false;
        } catch (ChatUnreachableException e) {
            log.warn("event relay: chat server unavailable, retrying in {}: {}", nextBackoff(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("event relay pass failed, retrying in {}: {}", nextBackoff(), e.toString());
        } finally {
            synchronized (this) {
                passRunning = false;
                if (failed) {
                    backoff = nextBackoff();
                    schedule(backoff);
                } else {
                    backoff = Duration.ZERO;
                    schedule(rerun ? Duration.ZERO : settings.interval());
                }
            }
        }
    }

    private Duration nextBackoff() {
        Duration doubled = backoff.isZero() ? settings.interval() : backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private void pass() {
        for (int shard = 0; shard < OutboxStore.SHARDS; shard++) {
            if (!store.takeLease(shard, holder, settings.lease())) {
                continue;
            }
            try {
                relayShard(shard, System.nanoTime() + settings.lease().dividedBy(2).toNanos());
            } finally {
                store.releaseLease(shard, holder);
            }
        }
    }

    private void relayShard(int shard, long deadlineNanos) {
        Map<UUID, List<OutboxRow>> bySchool = new LinkedHashMap<>();
        for (OutboxRow row : store.pending(shard, READ_LIMIT)) {
            bySchool.computeIfAbsent(row.schoolId(), s -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<UUID, List<OutboxRow>> school : bySchool.entrySet()) {
            List<OutboxRow> rows = school.getValue();
            for (int from = 0; from < rows.size(); from += settings.batchSize()) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    return; // the rest waits for the next pass, inside a fresh lease
                }
                deliver(school.getKey(), rows.subList(from, Math.min(rows.size(), from + settings.batchSize())));
            }
        }
    }

    /** Sends one batch; on a refusal, each event alone. */
    private void deliver(UUID school, List<OutboxRow> batch) {
        Map<OutboxRow, PortalEvent> events = new LinkedHashMap<>();
        for (OutboxRow row : batch) {
            try {
                events.put(row, PortalEventJson.decode(row.json()));
            } catch (IllegalArgumentException e) {
                park(row, 0, "unreadable in the outbox");
            }
        }
        if (events.isEmpty()) {
            return;
        }
        int status = chat.post(school, events.keySet().stream().map(OutboxRow::json).toList());
        if (isSuccess(status)) {
            delivered(events);
            return;
        }
        if (!isRefusal(status)) {
            throw new ChatUnreachableException("chat server answered " + status + " for a batch of school " + school
                    + hint(status));
        }
        for (Map.Entry<OutboxRow, PortalEvent> one : events.entrySet()) {
            int alone = chat.post(school, List.of(one.getKey().json()));
            if (isSuccess(alone)) {
                delivered(Map.of(one.getKey(), one.getValue()));
            } else if (isRefusal(alone)) {
                park(one.getKey(), alone, "refused by the chat server");
            } else {
                throw new ChatUnreachableException("chat server answered " + alone + " for an event of school " + school
                        + hint(alone));
            }
        }
    }

    private void delivered(Map<OutboxRow, PortalEvent> events) {
        events.values().forEach(event -> jobs.enqueue(NotificationJob.of(event).toJob()));
        events.keySet().forEach(store::delete);
    }

    private void park(OutboxRow row, int status, String why) {
        store.park(row, status, clock.instant());
        log.warn("event relay: event {} of school {} {} (status {}); parked in portal_event_dead_letters",
                row.eventId(), row.schoolId(), why, status);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** The chat judged the content: retrying the same events will not help. */
    private static boolean isRefusal(int status) {
        return status == 400 || status == 413 || status == 422;
    }

    private static String hint(int status) {
        return status == 401 || status == 403 ? " (does the chat server's klaslijn.chat.token-verification-keys hold the"
                + " public key of klaslijn.auth.token-signing-key?)" : "";
    }

    private synchronized void schedule(Duration delay) {
        ScheduledExecutorService ex = executor;
        if (ex == null || ex.isShutdown()) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = ex.schedule(this::runPass, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-relay");
            t.setDaemon(true);
            return t;
        });
        schedule(Duration.ZERO);
    }

    @Override
    public void stop() {
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
            executor = null;
        }
        if (ex != null) {
            ex.shutdownNow();
            try {
                ex.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
