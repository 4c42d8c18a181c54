package nl.klaslijn.portal.chatsync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.modules.Module;
import nl.klaslijn.portal.modules.Modules;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The background half of the chat sync: one thread per instance that works off {@code chat_sync_work} every
 * {@code interval} (at once when {@link #wake() woken} by a new mark), and marks every group, person and the
 * settings of every school again every {@code sweep-interval} so anything missed (a crash between a write and its
 * mark, a chat server that lost data) heals by itself.
 *
 * <p>Per item: take the item's lease (so of several portal-api instances exactly one works on it), compute the desired
 * state from portal's tables, converge the chat, and clear the mark as it was read (a newer mark survives and is
 * worked off in the next pass). A failing item waits (doubling from {@code interval} up to {@code max-backoff}) while
 * the others go on; when the chat server cannot be reached at all, the pass stops and the next one waits likewise.
 * Logs carry ids and counts only.
 */
@Component
@ConditionalOnProperty(prefix = "klaslijn.chat.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
class Reconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int BATCH = 200;

    private final ChatSyncStore store;
    private final DesiredState desired;
    private final Converger converger;
    private final ChatApi chat;
    private final Schools schools;
    private final People people;
    private final Modules modules;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration lease;
    private final Duration sweepInterval;
    private final UUID holder = UUID.randomUUID();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    private @Nullable ScheduledExecutorService executor;
    private @Nullable ScheduledFuture<?> next;
    private boolean passRunning;
    private boolean rerun;
    private Duration unreachableBackoff = Duration.ZERO;

    /** When a failed item may be tried again, and how often it failed in a row. */
    private record Retry(int failures, long notBeforeNanos) {}

    Reconciler(ChatSyncStore store, DesiredState desired, Converger converger, ChatApi chat, Schools schools,
            People people, Modules modules, PortalProperties properties) {
        this.store = store;
        this.desired = desired;
        this.converger = converger;
        this.chat = chat;
        this.schools = schools;
        this.people = people;
        this.modules = modules;
        PortalProperties.Sync sync = properties.chat().sync();
        this.interval = sync.interval();
        this.maxBackoff = sync.maxBackoff();
        this.lease = sync.lease();
        this.sweepInterval = sync.sweepInterval();
    }

    /** Asks for a pass now (after a new mark); a pass already running is followed by another one. */
    synchronized void wake() {
        if (passRunning) {
            rerun = true;
        } else {
            schedule(Duration.ZERO);
        }
    }

    /** Marks every group and every person of the school and its settings (a re-sync). */
    void markSchool(UUID schoolId) {
        store.mark(schoolId, WorkKind.SETTINGS, schoolId, null);
        for (Group group : schools.groups(schoolId)) {
            store.mark(schoolId, WorkKind.GROUP, group.groupId(), null);
        }
        for (UUID account : people.accountsAt(schoolId)) {
            store.mark(schoolId, WorkKind.PERSON, account, null);
        }
    }

    private void sweep() {
        try {
            schools.schoolIds().forEach(this::markSchool);
            wake();
        } catch (RuntimeException e) {
            log.warn("chat sync sweep failed; next one in {}: {}", sweepInterval, e.toString());
        }
    }

    private void runPass() {
        synchronized (this) {
            passRunning = true;
            rerun = false;
        }
        Duration delay = interval;
        try {
            if (pass()) {
                unreachableBackoff = unreachableBackoff.isZero() ? interval : min(unreachableBackoff.multipliedBy(2));
                delay = unreachableBackoff;
            } else {
                unreachableBackoff = Duration.ZERO;
            }
        } catch (RuntimeException e) {
            log.warn("chat sync pass failed: {}", e.toString());
        } finally {
            synchronized (this) {
                passRunning = false;
                schedule(rerun ? Duration.ZERO : delay);
            }
        }
    }

    /**
     * One pass over every shard, revocations first (they are what must arrive within seconds); true if it stopped
     * because the chat server could not be reached.
     */
    private boolean pass() {
        List<Work> pending = new ArrayList<>();
        for (int shard = 0; shard < ChatSyncStore.SHARDS; shard++) {
            pending.addAll(store.pending(shard, BATCH));
        }
        pending.sort(Comparator.comparing(work -> work.kind() != WorkKind.REVOKE && work.kind() != WorkKind.REVOKE_SESSION));
        retries.keySet().retainAll(pending.stream().map(Work::key).collect(Collectors.toSet())); // done elsewhere: forget the backoff
        for (Work work : pending) {
            Retry retry = retries.get(work.key());
            if (retry != null && System.nanoTime() - retry.notBeforeNanos() < 0) {
                continue;
            }
            if (!store.takeLease(work, holder, lease)) {
                continue;
            }
            try {
                handle(work, new Deadline(lease.dividedBy(2)));
                store.clear(work);
                retries.remove(work.key());
            } catch (ChatUnavailableException e) {
                failed(work, e);
                if (e.unreachable()) {
                    return true;
                }
            } catch (RuntimeException e) {
                failed(work, e);
            } finally {
                store.releaseLease(work, holder);
            }
        }
        return false;
    }

    private void handle(Work work, Deadline deadline) {
        switch (work.kind()) {
            case GROUP -> {
                desired.group(work.schoolId(), work.targetId()).values()
                        .forEach(plan -> converger.converge(work.schoolId(), plan, deadline));
                desired.pupilsOf(work.schoolId(), work.targetId())
                        .forEach(pupil -> store.mark(work.schoolId(), WorkKind.PUPIL_GUARDIANS, pupil, null));
            }
            case PUPIL_GUARDIANS -> desired.pupilGuardians(work.schoolId(), work.targetId()).ifPresentOrElse(
                    accounts -> chat.putPupilGuardians(work.schoolId(), work.targetId(), accounts),
                    () -> chat.removePupil(work.schoolId(), work.targetId()));
            case PERSON -> desired.person(work.schoolId(), work.targetId()).ifPresentOrElse(person ->
                    chat.putDirectoryEntry(work.schoolId(), work.targetId(), person.displayName(), person.role(),
                            person.staffOnly()),
                    () -> chat.removeDirectoryEntry(work.schoolId(), work.targetId()));
            case REVOKE -> chat.revoke(work.schoolId(), work.targetId(), Objects.requireNonNull(work.notBefore()));
            case REVOKE_SESSION -> chat.revokeSession(work.schoolId(), Objects.requireNonNull(work.accountId()),
                    work.targetId(), Objects.requireNonNull(work.notBefore()));
            case SETTINGS -> chat.putSchoolSettings(work.schoolId(), modules.isOn(work.schoolId(), Module.CHAT));
            case ERASE -> erase(work, deadline);
        }
    }

    /** Erases the account's chat data unless it is someone at the school again; the chat may need several calls. */
    private void erase(Work work, Deadline deadline) {
        if (people.membership(work.schoolId(), work.targetId()).isPresent()) {
            return;
        }
        while (!chat.eraseChatData(work.schoolId(), work.targetId())) {
            deadline.check();
        }
    }

    private void failed(Work work, RuntimeException e) {
        Retry before = retries.get(work.key());
        int failures = before == null ? 1 : before.failures() + 1;
        Duration wait = min(interval.multipliedBy(1L << Math.min(failures - 1, 20)));
        retries.put(work.key(), new Retry(failures, System.nanoTime() + wait.toNanos()));
        log.warn("chat sync {} of school {} failed {} time(s), retrying in {}: {}", work.kind(), work.schoolId(),
                failures, wait, e.getMessage());
    }

    private Duration min(Duration d) {
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
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
            Thread t = new Thread(r, "chat-sync");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
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
