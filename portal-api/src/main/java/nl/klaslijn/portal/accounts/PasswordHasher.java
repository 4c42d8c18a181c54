package nl.klaslijn.portal.accounts;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.klaslijn.portal.request.ServerBusyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The only way accounts hash and check passwords: at most {@link #permits()} Argon2id computations run at once on this
 * instance (a fair semaphore), so a flood of logins costs at most {@code permits × argon2-memory-kib} of heap. A
 * request that gets no permit within {@code klaslijn.logins.hashing-wait} fails with {@link ServerBusyException}
 * (503 {@code server-busy}, Retry-After) before any work is done.
 *
 * <p>Permits when {@code hashing-permits} is 0: the cores, at most 4, and no more than a quarter of the maximum heap
 * divided by the memory of one hash (at least 1).
 */
@Component
public class PasswordHasher {

    private final PasswordEncoder encoder;
    private final Semaphore semaphore;
    private final int permits;
    private final Duration wait;
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger peakInUse = new AtomicInteger();

    PasswordHasher(PasswordEncoder encoder, LoginProperties properties) {
        this.encoder = encoder;
        this.permits = properties.hashingPermits() > 0 ? properties.hashingPermits()
                : automaticPermits(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                        properties.argon2MemoryKib());
        this.semaphore = new Semaphore(permits, true);
        this.wait = properties.hashingWait();
    }

    static int automaticPermits(int cores, long maxHeapBytes, int memoryKib) {
        long byMemory = maxHeapBytes / 4 / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(Math.min(cores, 4), byMemory));
    }

    String encode(String password) {
        return bounded(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        return bounded(() -> encoder.matches(password, hash));
    }

    /** True if {@code hash} was made with weaker parameters than today's (memory or passes): re-hash it on login. */
    boolean isWeak(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    public int permits() {
        return permits;
    }

    /** The most hashes that ran at once since start (never above {@link #permits()}). */
    public int peakInUse() {
        return peakInUse.get();
    }

    private <T> T bounded(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException(Duration.ofSeconds(1));
        }
        if (!acquired) {
            throw new ServerBusyException(Duration.ofSeconds(1));
        }
        try {
            peakInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
            return work.get();
        } finally {
            inUse.decrementAndGet();
            semaphore.release();
        }
    }
}
