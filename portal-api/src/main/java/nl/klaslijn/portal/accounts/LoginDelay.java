package nl.klaslijn.portal.accounts;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.klaslijn.portal.request.TooManyAttemptsException;
import org.springframework.stereotype.Component;

/**
 * The progressive login delay, instead of a lockout (docs/portal-api.md, "Logins"). Failures are counted per e-mail
 * key and client network, in Cassandra, so every instance agrees. Two rules, both answered 429 {@code too-many-attempts}
 * with Retry-After before the password is looked at (a delayed attempt is not counted as a failure):
 *
 * <ul>
 *   <li>per network: after {@code free-failures} failures from this network, the next attempt from it waits
 *       {@code base-delay × 2^(failures − free-failures)} after its latest failure, at most {@code max-delay};
 *   <li>account-wide: after {@code account-free-failures} failures from all networks together, a network that has
 *       failed itself waits {@code base-delay × 2^(failures − account-free-failures)} after the account's latest
 *       failure, at most {@code account-max-delay}.
 * </ul>
 *
 * A network that has not failed for this address is never delayed, whatever others did: the owner logging in from
 * home is not locked out by an attacker elsewhere. A correct password clears its network's failures.
 */
@Component
class LoginDelay {

    private final LoginFailureStore store;
    private final Clock clock;
    private final LoginProperties properties;

    LoginDelay(LoginFailureStore store, Clock clock, LoginProperties properties) {
        this.store = store;
        this.clock = clock;
        this.properties = properties;
    }

    /** Throws {@link TooManyAttemptsException} if this network must still wait before trying this address again. */
    void check(ByteBuffer emailKey, ByteBuffer networkKey) {
        Instant now = clock.instant();
        Instant counted = now.minus(properties.failureWindow());
        List<LoginFailureStore.Failure> all = store.failures(emailKey).stream()
                .filter(f -> f.at().isAfter(counted)).toList();
        List<LoginFailureStore.Failure> mine = all.stream().filter(f -> f.networkKey().equals(networkKey)).toList();
        if (mine.isEmpty()) {
            return;
        }
        Instant until = later(
                waitUntil(mine, properties.freeFailures(), properties.maxDelay()),
                waitUntil(all, properties.accountFreeFailures(), properties.accountMaxDelay()));
        if (until.isAfter(now)) {
            throw new TooManyAttemptsException(Duration.between(now, until));
        }
    }

    void failed(ByteBuffer emailKey, ByteBuffer networkKey) {
        store.record(emailKey, networkKey, clock.instant(), properties.failureWindow());
    }

    void succeeded(ByteBuffer emailKey, ByteBuffer networkKey) {
        store.clear(emailKey, networkKey);
    }

    /** When the next attempt may come, given these failures: their latest plus the doubling delay, capped. */
    private Instant waitUntil(List<LoginFailureStore.Failure> failures, int free, Duration cap) {
        if (failures.size() < free) {
            return Instant.MIN;
        }
        Instant latest = failures.stream().map(LoginFailureStore.Failure::at).max(Instant::compareTo).orElseThrow();
        return latest.plus(delay(failures.size() - free, cap));
    }

    private Duration delay(int doublings, Duration cap) {
        int shift = Math.min(doublings, 30);
        Duration delay = properties.baseDelay().multipliedBy(1L << shift);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
