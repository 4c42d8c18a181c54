package nl.klaslijn.portal.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaslijn.logins.*}: password hashing and the login delay (docs/portal-api.md, "Logins").
 *
 * @param argon2MemoryKib Argon2id memory per hash in KiB; at least 19456 (19 MiB, the OWASP minimum)
 * @param argon2Iterations Argon2id passes; at least 2
 * @param hashingPermits password hashes computed at once on this instance; 0 sizes it from the heap and the cores
 * @param hashingWait how long a request waits for a hashing permit before it is answered 503 {@code server-busy}
 * @param freeFailures wrong passwords for one account from one network before that network must wait
 * @param baseDelay the first wait; it doubles with each further failure
 * @param maxDelay the longest wait for one account from one network
 * @param accountFreeFailures wrong passwords for one account from all networks together before the account-wide wait
 * @param accountMaxDelay the longest account-wide wait; it applies only to networks that failed themselves
 * @param failureWindow how long a failure counts (and is kept, as a Cassandra TTL)
 */
@ConfigurationProperties("klaslijn.logins")
public record LoginProperties(@DefaultValue("19456") int argon2MemoryKib, @DefaultValue("2") int argon2Iterations,
        @DefaultValue("0") int hashingPermits, @DefaultValue("500ms") Duration hashingWait,
        @DefaultValue("5") int freeFailures, @DefaultValue("1s") Duration baseDelay,
        @DefaultValue("15m") Duration maxDelay, @DefaultValue("20") int accountFreeFailures,
        @DefaultValue("30s") Duration accountMaxDelay, @DefaultValue("24h") Duration failureWindow) {

    /** The OWASP minimum for Argon2id with one lane: m = 19 MiB, t = 2. */
    public static final int MIN_MEMORY_KIB = 19456;
    public static final int MIN_ITERATIONS = 2;

    public LoginProperties {
        if (argon2MemoryKib < MIN_MEMORY_KIB) {
            throw new IllegalArgumentException("klaslijn.logins.argon2-memory-kib must be at least " + MIN_MEMORY_KIB);
        }
        if (argon2Iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("klaslijn.logins.argon2-iterations must be at least " + MIN_ITERATIONS);
        }
        if (hashingPermits < 0 || freeFailures < 1 || accountFreeFailures < 1) {
            throw new IllegalArgumentException(
                    "klaslijn.logins.hashing-permits must be >= 0, free-failures and account-free-failures >= 1");
        }
    }
}
