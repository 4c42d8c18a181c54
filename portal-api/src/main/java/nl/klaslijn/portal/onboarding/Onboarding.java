package nl.klaslijn.portal.onboarding;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.accounts.TokenPair;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.crypto.RandomTokens;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.request.AttemptLimiter;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.schools.Group;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One-time registration tokens. A token is 160 random bits (32 base32 characters), stored only as its SHA-256, valid
 * for {@code klaslijn.onboarding.token-lifetime}, redeemable once, and superseded when a new one is printed for the
 * same guardian and pupil (or staff member). Every redemption attempt takes from two guessing limits: the client
 * address and the token's first four characters. Failures are told apart: unknown (400 {@code token-unknown}), used
 * (409 {@code token-used}), expired (410 {@code token-expired}), superseded (410 {@code token-revoked}).
 */
@Service
public class Onboarding {

    private static final int TOKEN_CHARS = 32;
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(30);

    private final OnboardingStore store;
    private final People people;
    private final Accounts accounts;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final Duration lifetime;

    Onboarding(OnboardingStore store, People people, Accounts accounts, AttemptLimiter limiter, Clock clock,
            PortalProperties properties) {
        this.store = store;
        this.people = people;
        this.accounts = accounts;
        this.limiter = limiter;
        this.clock = clock;
        this.lifetime = properties.onboarding().tokenLifetime();
    }

    /**
     * New tokens for every guardian of every pupil in the group who has not registered yet; guardians who did are left
     * out. Each replaces that guardian's previous token for that pupil. The caller passed the group's manage gate.
     */
    public List<PrintedToken> issueForGroup(Group group) {
        List<PrintedToken> printed = new ArrayList<>();
        for (Pupil pupil : people.pupilsOfGroup(group.schoolId(), group.groupId())) {
            for (UUID guardianId : people.guardiansOf(group.schoolId(), pupil.pupilId())) {
                Guardian guardian = people.guardian(group.schoolId(), guardianId).orElse(null);
                if (guardian == null || guardian.accountId() != null) {
                    continue;
                }
                Grant grant = new Grant(group.schoolId(), Grant.Kind.GUARDIAN, pupil.pupilId(), guardianId, null,
                        clock.instant().plus(lifetime), false, null);
                String token = issue(grant);
                printed.add(new PrintedToken(pupil.pupilId(), pupil.firstName() + " " + pupil.lastName(), group.name(),
                        guardianId, guardian.name(), token, grant.expiresAt()));
            }
        }
        return printed;
    }

    /** A token for a staff member to register with (replacing any earlier one). */
    public String issueForStaff(Staff staff) {
        return issue(new Grant(staff.schoolId(), Grant.Kind.STAFF, null, null, staff.staffId(),
                clock.instant().plus(lifetime), false, null));
    }

    private String issue(Grant grant) {
        String token = RandomTokens.printable();
        store.revokeCurrent(grant.schoolId(), grant.subject());
        store.insert(hash(RandomTokens.canonical(token)), grant, lifetime.plus(KEEP_AFTER_EXPIRY));
        return token;
    }

    /**
     * Deletes every registration token printed for the pupil, for any of {@code guardianIds} (part of deleting the
     * pupil's data): the tokens stop working at once (token-unknown) and nothing about them is kept.
     */
    public void deleteTokensOfPupil(UUID schoolId, UUID pupilId, Collection<UUID> guardianIds) {
        List<String> subjects = guardianIds.stream().map(g -> Grant.guardianSubject(g, pupilId)).toList();
        store.deleteForPupil(schoolId, pupilId, subjects);
    }

    /** Creates an account with the token and logs it in at the token's school. */
    public TokenPair register(String token, String email, String password, String clientAddress) {
        Checked checked = check(token, clientAddress);
        if (accounts.emailTaken(email)) {
            throw ApiException.conflict("email-taken",
                    "An account with this e-mail address exists; log in and link the child with the token instead.");
        }
        UUID accountId = accounts.create(email, password);
        if (!store.claim(checked.hash, clock.instant(), accountId)) {
            accounts.delete(accountId, email);
            throw used();
        }
        attach(checked, accountId);
        return accounts.startSession(accountId, checked.grant.schoolId());
    }

    /** Links the token's child (or staff record) to an existing account, at any school. */
    public Redeemed link(String token, UUID accountId, String clientAddress) {
        Checked checked = check(token, clientAddress);
        if (!store.claim(checked.hash, clock.instant(), accountId)) {
            throw used();
        }
        return attach(checked, accountId);
    }

    /** Only writes: {@link #check} found the pupil or staff record already. */
    private Redeemed attach(Checked checked, UUID accountId) {
        if (checked.staff != null) {
            people.attachStaff(checked.staff, accountId);
            return new Redeemed(checked.grant.schoolId(), null, null, checked.staff.staffId());
        }
        Pupil pupil = Objects.requireNonNull(checked.pupil);
        UUID guardianId = people.attachGuardian(pupil, Objects.requireNonNull(checked.grant.guardianId()), accountId);
        return new Redeemed(pupil.schoolId(), pupil.pupilId(), guardianId, null);
    }

    /** A redeemable token: its hash, its grant, and the pupil or the staff record it names (which exist). */
    private record Checked(ByteBuffer hash, Grant grant, @Nullable Pupil pupil, @Nullable Staff staff) {}

    private Checked check(String token, String clientAddress) {
        limiter.acquire("redeem-ip:" + clientAddress);
        String canonical = RandomTokens.canonical(token);
        if (canonical == null || canonical.length() != TOKEN_CHARS) {
            throw unknown();
        }
        limiter.acquire("redeem-prefix:" + canonical.substring(0, 4));
        ByteBuffer hash = hash(canonical);
        Grant grant = store.grant(hash).orElseThrow(Onboarding::unknown);
        if (grant.usedAt() != null) {
            throw used();
        }
        if (grant.revoked()) {
            throw gone("token-revoked", "This registration token was replaced by a newer one; ask the school for it.");
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            throw gone("token-expired", "This registration token has expired; ask the school for a new one.");
        }
        if (grant.kind() == Grant.Kind.STAFF) {
            Staff staff = people.staff(grant.schoolId(), Objects.requireNonNull(grant.staffId()))
                    .orElseThrow(() -> gone("token-revoked", "The staff record of this token no longer exists."));
            return new Checked(hash, grant, null, staff);
        }
        Pupil pupil = people.pupil(grant.schoolId(), Objects.requireNonNull(grant.pupilId()))
                .orElseThrow(() -> gone("token-revoked", "The pupil of this token is no longer at the school."));
        return new Checked(hash, grant, pupil, null);
    }

    private static ByteBuffer hash(@Nullable String canonical) {
        return Hashing.sha256(Objects.requireNonNull(canonical));
    }

    private static ApiException unknown() {
        return ApiException.badRequest("token-unknown", "This registration token does not exist; check for typing errors.");
    }

    private static ApiException used() {
        return ApiException.conflict("token-used", "This registration token has already been used.");
    }

    private static ApiException gone(String code, String detail) {
        return new ApiException(HttpStatus.GONE, code, detail);
    }
}
