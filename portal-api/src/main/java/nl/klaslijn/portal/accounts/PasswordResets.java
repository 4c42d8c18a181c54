package nl.klaslijn.portal.accounts;

import jakarta.annotation.PreDestroy;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.crypto.RandomTokens;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.request.AttemptLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Password reset by e-mail link.
 *
 * <p>{@link #request}: takes from the guessing limits (client address, e-mail key) and returns at once, whatever the
 * address; the work (look-up, token, mail) runs afterwards on one background thread, so the answer and its timing
 * are the same for known and unknown addresses (no account enumeration). For a known address it stores a fresh
 * token's SHA-256 (256 random bits, valid {@code klaslijn.password-reset.token-lifetime}) with the account's session
 * generation, and mails the link. Unknown addresses get no mail.
 *
 * <p>{@link #complete}: the token must exist, be unused, unexpired and issued in the account's current session
 * generation (a later reset, password change or logout everywhere voids it). It is claimed once
 * ({@code IF used_at = null}), then the password is set and every session ended. If setting the password fails after
 * the claim, the link is spent and the person asks for a new one (the password is unchanged).
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final Accounts accounts;
    private final AccountStore accountStore;
    private final PasswordResetStore store;
    private final PasswordResetMail mail;
    private final PasswordHasher passwords;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final Duration lifetime;
    private final ExecutorService background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), r -> {
                Thread thread = new Thread(r, "password-reset-mail");
                thread.setDaemon(true);
                return thread;
            });

    PasswordResets(Accounts accounts, AccountStore accountStore, PasswordResetStore store, PasswordResetMail mail,
            PasswordHasher passwords, AttemptLimiter limiter,
            Clock clock, PortalProperties properties) {
        this.accounts = accounts;
        this.accountStore = accountStore;
        this.store = store;
        this.mail = mail;
        this.passwords = passwords;
        this.limiter = limiter;
        this.clock = clock;
        this.lifetime = properties.passwordReset().tokenLifetime();
    }

    /** Starts a reset for {@code email} if it has an account; the same answer either way (see the class contract). */
    public void request(String email, String clientAddress) {
        ByteBuffer key = accounts.emailKey(email);
        limiter.acquire("reset-ip:" + clientAddress);
        limiter.acquire("reset-account:" + HexFormat.of().formatHex(key.array(), 0, 8));
        try {
            background.execute(() -> issueAndMail(key, email));
        } catch (RejectedExecutionException e) {
            log.warn("Password-reset queue is full; a request was dropped");
        }
    }

    private void issueAndMail(ByteBuffer key, String email) {
        try {
            Optional<Account> account = accountStore.accountIdByEmail(key).flatMap(accountStore::account);
            if (account.isEmpty()) {
                return;
            }
            String token = RandomTokens.opaque();
            Instant now = clock.instant();
            store.insert(Hashing.sha256(token), new PasswordResetStore.ResetToken(account.get().accountId(),
                    account.get().sessionGeneration(), now.plus(lifetime), null), lifetime.plus(KEEP_AFTER_EXPIRY));
            mail.send(account.get().email(), token, lifetime);
        } catch (RuntimeException e) {
            // Never the exception's message: mail errors name the recipient.
            log.warn("A password-reset mail could not be sent ({})", e.getClass().getSimpleName());
        }
    }

    /** Sets a new password with a reset token and ends every session of the account (see the class contract). */
    public void complete(String token, String newPassword, String clientAddress) {
        limiter.acquire("reset-complete-ip:" + clientAddress);
        ByteBuffer hash = Hashing.sha256(token.strip());
        PasswordResetStore.ResetToken reset = store.find(hash).orElseThrow(() -> ApiException.badRequest(
                "reset-token-unknown", "This password-reset link is not valid; ask for a new one."));
        if (reset.usedAt() != null) {
            throw used();
        }
        if (!clock.instant().isBefore(reset.expiresAt())) {
            throw gone("reset-token-expired", "This password-reset link has expired; ask for a new one.");
        }
        int current = accountStore.account(reset.accountId()).map(Account::sessionGeneration).orElse(-1);
        if (current != reset.generation()) {
            throw gone("reset-token-revoked", "This password-reset link was replaced or voided; ask for a new one.");
        }
        if (!store.use(hash, clock.instant())) {
            throw used();
        }
        accountStore.setPassword(reset.accountId(), passwords.encode(newPassword));
        accounts.logoutEverywhere(reset.accountId());
    }

    private static ApiException used() {
        return ApiException.conflict("reset-token-used", "This password-reset link was used already; ask for a new one.");
    }

    private static ApiException gone(String code, String detail) {
        return new ApiException(HttpStatus.GONE, code, detail);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }
}
