package nl.klaslijn.portal.accounts;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.crypto.RandomTokens;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.request.AttemptLimiter;
import nl.klaslijn.portal.request.ServerBusyException;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.people.People;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accounts and sessions. A session is a refresh-token family: each refresh token is single use and is exchanged for
 * the next one (rotation); presenting a used one again revokes the whole family (reuse detection). Logging out
 * everywhere and changing the password move the account's session generation on, which kills every older family.
 * Access tokens are not revocable in portal-api; they live {@code klaslijn.auth.access-token-lifetime} (5 minutes by
 * default). Every access token carries its family as {@code sid}. Ending every session publishes {@link SessionsEnded};
 * ending one (logout of this device, refresh-token reuse) publishes {@link SessionEnded} (the chat sync cuts the live
 * chat connections of those sessions with them).
 */
@Service
public class Accounts {

    private final AccountStore store;
    private final People people;
    private final PasswordHasher passwords;
    private final LoginDelay loginDelay;
    private final TokenSigner accessTokens;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final byte[] lookupKey;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final String dummyHash;
    private final ApplicationEventPublisher events;

    Accounts(AccountStore store, People people, PasswordHasher passwords, LoginDelay loginDelay,
            TokenSigner accessTokens, AttemptLimiter limiter, Clock clock, PortalProperties properties,
            ApplicationEventPublisher events) {
        this.loginDelay = loginDelay;
        this.store = store;
        this.events = events;
        this.people = people;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.limiter = limiter;
        this.clock = clock;
        this.lookupKey = java.util.Base64.getDecoder().decode(properties.auth().lookupKey().strip());
        if (lookupKey.length < 32) {
            throw new IllegalArgumentException("klaslijn.auth.lookup-key must be at least 32 bytes");
        }
        this.accessLifetime = properties.auth().accessTokenLifetime();
        this.refreshLifetime = properties.auth().refreshTokenLifetime();
        this.dummyHash = passwords.encode("not-a-password-" + UUID.randomUUID());
    }

    public boolean emailTaken(String email) {
        return store.accountIdByEmail(emailKey(email)).isPresent();
    }

    /** Creates an account; 409 {@code email-taken} if the address already has one. */
    public UUID create(String email, String password) {
        UUID accountId = UUID.randomUUID();
        if (!store.claimEmail(emailKey(email), accountId)) {
            throw emailTakenProblem();
        }
        try {
            store.insert(new Account(accountId, normalise(email), passwords.encode(password), clock.instant(), 0));
        } catch (RuntimeException e) {
            store.releaseEmail(emailKey(email), accountId);
            throw e;
        }
        return accountId;
    }

    /** Undoes {@link #create} (a registration that failed after it). */
    public void delete(UUID accountId, String email) {
        store.delete(accountId);
        store.releaseEmail(emailKey(email), accountId);
    }

    public Optional<String> email(UUID accountId) {
        return store.account(accountId).map(Account::email);
    }

    /** What is stored about the account, for its owner's data export (never the password hash). */
    public Optional<AccountExport> export(UUID accountId) {
        return store.account(accountId).map(a -> new AccountExport(a.accountId(), a.email(), a.createdAt(),
                store.families(accountId, a.sessionGeneration())));
    }

    /**
     * Checks e-mail and password and starts a session at {@code schoolId} (optional when the account belongs to exactly
     * one school). Unknown address and wrong password get the same 401 and take the same time. Before the password is
     * looked at: the client network's token bucket, then the progressive delay for this address from this network
     * ({@link LoginDelay}; 429 with Retry-After). A correct password stored with weaker Argon2 parameters than today's
     * is re-hashed with today's (skipped, not failed, when no hashing permit is free).
     */
    public TokenPair login(String email, String password, @Nullable UUID schoolId, String clientAddress) {
        ByteBuffer key = emailKey(email);
        String network = ClientNetwork.of(clientAddress);
        limiter.acquire("login-net:" + network);
        ByteBuffer networkKey = Hashing.hmacSha256(lookupKey, "login-network|" + network);
        loginDelay.check(key, networkKey);
        Optional<Account> account = store.accountIdByEmail(key).flatMap(store::account);
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !matches) {
            loginDelay.failed(key, networkKey);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "E-mail address or password is wrong.");
        }
        loginDelay.succeeded(key, networkKey);
        upgradeIfWeak(account.get(), password);
        return startSession(account.get().accountId(), chooseSchool(account.get().accountId(), schoolId));
    }

    private void upgradeIfWeak(Account account, String password) {
        if (!passwords.isWeak(account.passwordHash())) {
            return;
        }
        try {
            store.replaceHash(account.accountId(), account.passwordHash(), passwords.encode(password));
        } catch (ServerBusyException busy) {
            // No permit free: the login still succeeds; the hash is upgraded at a later login.
        }
    }

    private UUID chooseSchool(UUID accountId, @Nullable UUID requested) {
        List<UUID> schools = people.schoolsOf(accountId);
        if (requested != null && schools.contains(requested)) {
            return requested;
        }
        if (requested == null && schools.size() == 1) {
            return schools.get(0);
        }
        if (requested == null && schools.size() > 1) {
            throw ApiException.badRequest("school-required",
                    "This account belongs to several schools; log in with one of them as schoolId.");
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "no-school", "This account does not belong to that school.");
    }

    /** A new session (refresh family) for an account at a school it belongs to. */
    public TokenPair startSession(UUID accountId, UUID schoolId) {
        Account account = store.account(accountId).orElseThrow(() -> invalidRefresh("refresh-revoked"));
        return issue(accountId, schoolId, UUID.randomUUID(), account.sessionGeneration());
    }

    /** Exchanges a refresh token for the next pair (see the class contract). Check everything, then claim it once. */
    public TokenPair refresh(String refreshToken) {
        ByteBuffer hash = Hashing.sha256(refreshToken);
        RefreshToken token = store.refresh(hash).orElseThrow(() -> invalidRefresh("refresh-invalid"));
        if (token.usedAt() != null) {
            throw reused(token);
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw invalidRefresh("refresh-expired");
        }
        int generation = store.liveFamilyGeneration(token.accountId(), token.familyId())
                .orElseThrow(() -> invalidRefresh("refresh-revoked"));
        int current = store.account(token.accountId()).map(Account::sessionGeneration).orElse(-1);
        if (generation != current) {
            throw invalidRefresh("refresh-revoked");
        }
        if (!store.useRefresh(hash, clock.instant())) {
            throw reused(token);
        }
        return issue(token.accountId(), token.schoolId(), token.familyId(), generation);
    }

    private ApiException reused(RefreshToken token) {
        endSession(token);
        return invalidRefresh("refresh-reused");
    }

    /** Ends the session the refresh token belongs to (this device). Unknown tokens are ignored. */
    public void logout(String refreshToken) {
        store.refresh(Hashing.sha256(refreshToken)).ifPresent(this::endSession);
    }

    /** Revokes the token's family and tells listeners (the chat closes that device's connections). */
    private void endSession(RefreshToken token) {
        store.revokeFamily(token.accountId(), token.familyId(), refreshLifetime.plusDays(1));
        events.publishEvent(new SessionEnded(token.accountId(), token.schoolId(), token.familyId(), clock.instant()));
    }

    /**
     * Ends every session (refresh family) the account has at one school, e.g. when it lost a staff role or was removed
     * there: their refresh tokens are refused from now on. Its sessions at other schools are untouched.
     */
    public void endSessionsAt(UUID accountId, UUID schoolId) {
        int generation = store.account(accountId).map(Account::sessionGeneration).orElse(-1);
        store.families(accountId, generation).stream()
                .filter(s -> s.live() && schoolId.equals(s.schoolId()))
                .forEach(s -> store.revokeFamily(accountId, s.sessionId(), refreshLifetime.plusDays(1)));
    }

    /** Ends every session of the account (all devices). */
    public void logoutEverywhere(UUID accountId) {
        bumpGeneration(accountId);
    }

    /** Changes the password after checking the current one, ends every session, and starts a new one for this device. */
    public TokenPair changePassword(UUID accountId, UUID schoolId, String current, String next, String clientAddress) {
        limiter.acquire("password-account:" + accountId);
        Account account = store.account(accountId).orElseThrow(() -> ApiException.unauthenticated("No such account."));
        if (!passwords.matches(current, account.passwordHash())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "wrong-password", "The current password is wrong.");
        }
        store.setPassword(accountId, passwords.encode(next));
        bumpGeneration(accountId);
        return startSession(accountId, schoolId);
    }

    private void bumpGeneration(UUID accountId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int generation = store.account(accountId).map(Account::sessionGeneration)
                    .orElseThrow(() -> ApiException.unauthenticated("No such account."));
            if (store.bumpGeneration(accountId, generation)) {
                events.publishEvent(new SessionsEnded(accountId, clock.instant()));
                return;
            }
        }
        throw new IllegalStateException("session generation kept moving");
    }

    /** Access token, and the family's next refresh token stamped with the generation the family was checked at. */
    private TokenPair issue(UUID accountId, UUID schoolId, UUID family, int generation) {
        Set<Role> roles = people.membership(schoolId, accountId).map(Membership::roles).orElse(Set.of());
        String access = accessTokens.issue(accountId, schoolId, roles, TokenAudience.PORTAL, accessLifetime, family);
        String chat = accessTokens.issue(accountId, schoolId, roles, TokenAudience.CHAT, accessLifetime, family);
        String refresh = RandomTokens.opaque();
        Instant now = clock.instant();
        store.insertRefresh(Hashing.sha256(refresh), new RefreshToken(accountId, schoolId, family,
                now.plus(refreshLifetime), null), refreshLifetime.plusDays(1));
        store.touchFamily(accountId, family, schoolId, generation, refreshLifetime.plusDays(1));
        return new TokenPair(access, accessLifetime.toSeconds(), refresh, accountId, schoolId, roles, chat);
    }

    /** HMAC-SHA-256 of the normalised address: the only form in which e-mail addresses are looked up. */
    ByteBuffer emailKey(String email) {
        return Hashing.hmacSha256(lookupKey, normalise(email));
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static ApiException invalidRefresh(String code) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, switch (code) {
            case "refresh-reused" -> "This refresh token was already used; the session is ended. Log in again.";
            case "refresh-expired" -> "The refresh token has expired. Log in again.";
            case "refresh-revoked" -> "The session was ended. Log in again.";
            default -> "The refresh token is not valid.";
        });
    }

    private static ApiException emailTakenProblem() {
        return ApiException.conflict("email-taken",
                "An account with this e-mail address exists; log in and link the child with the token instead.");
    }
}
