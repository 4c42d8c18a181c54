package nl.klaslijn.portal.chatsync;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import nl.klaslijn.portal.accounts.SessionEnded;
import nl.klaslijn.portal.accounts.SessionsEnded;
import nl.klaslijn.portal.modules.ModulesChanged;
import nl.klaslijn.portal.people.AccountAttached;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.GuardianLinkChanged;
import nl.klaslijn.portal.people.GuardianRemoved;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.PupilGroupChanged;
import nl.klaslijn.portal.people.PupilRemoved;
import nl.klaslijn.portal.people.StaffRemoved;
import nl.klaslijn.portal.people.StaffRolesChanged;
import nl.klaslijn.portal.privacy.GuardianProfileSaved;
import nl.klaslijn.portal.schools.GroupChanged;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Records chat-sync work durably, in the request that caused it: each listener runs synchronously after the change
 * was written and writes its marks to {@code chat_sync_work} before the request answers (a failure here fails the
 * request, which the client may retry; every write involved is idempotent). Then it wakes the {@link Reconciler},
 * which does the (slow, fallible) talking to the chat server in the background.
 *
 * <p>Revocations carry a {@code notBefore} cut to whole seconds: access tokens state their issue time in whole
 * seconds, so a token issued in the same second as the revocation (the new session a password change returns) stays
 * valid while every token of an earlier second is refused.
 */
@Service
@ConditionalOnProperty(prefix = "klaslijn.chat.sync", name = "enabled", havingValue = "true", matchIfMissing = true)
public class ChatSync {

    private final ChatSyncStore store;
    private final DesiredState desired;
    private final Reconciler reconciler;
    private final People people;
    private final Clock clock;

    ChatSync(ChatSyncStore store, DesiredState desired, Reconciler reconciler, People people, Clock clock) {
        this.store = store;
        this.desired = desired;
        this.reconciler = reconciler;
        this.people = people;
        this.clock = clock;
    }

    /** Re-checks every group and person of the school (e.g. after the chat server lost data). */
    public void resyncSchool(UUID schoolId) {
        reconciler.markSchool(schoolId);
        reconciler.wake();
    }

    @EventListener
    void on(GroupChanged event) {
        group(event.schoolId(), event.groupId());
        reconciler.wake();
    }

    @EventListener
    void on(PupilGroupChanged event) {
        if (event.previousGroupId() != null) {
            group(event.schoolId(), event.previousGroupId());
        }
        group(event.schoolId(), event.groupId());
        reconciler.wake();
    }

    /**
     * A pupil deleted: their group's conversations lose the guardians who have no other child in it, and the chat
     * forgets the pupil's guardians.
     */
    @EventListener
    void on(PupilRemoved event) {
        group(event.schoolId(), event.groupId());
        store.mark(event.schoolId(), WorkKind.PUPIL_GUARDIANS, event.pupilId(), null);
        reconciler.wake();
    }

    /**
     * A guardian unlinked from their last child at the school also loses their live chat connections there
     * (revocation); one with children left keeps them (the conversations they leave end their subscriptions).
     */
    @EventListener
    void on(GuardianLinkChanged event) {
        group(event.schoolId(), event.groupId());
        if (!event.linked() && people.childrenOf(event.schoolId(), event.guardianId()).isEmpty()) {
            people.guardian(event.schoolId(), event.guardianId()).map(Guardian::accountId)
                    .ifPresent(account -> revoke(event.schoolId(), account, clock.instant()));
        }
        reconciler.wake();
    }

    /**
     * A guardian record deleted (no child left, e.g. their last child's data was deleted): revoke its account there and
     * erase what the chat holds on it (durably: the ERASE mark waits out a chat outage).
     */
    @EventListener
    void on(GuardianRemoved event) {
        UUID account = event.accountId();
        if (account != null) {
            revoke(event.schoolId(), account, clock.instant());
            store.mark(event.schoolId(), WorkKind.PERSON, account, null);
            store.mark(event.schoolId(), WorkKind.ERASE, account, null);
            reconciler.wake();
        }
    }

    /** The "contact by staff only" choice may have changed: push the guardian's directory entry again. */
    @EventListener
    void on(GuardianProfileSaved event) {
        people.guardian(event.schoolId(), event.guardianId()).map(Guardian::accountId).ifPresent(account -> {
            store.mark(event.schoolId(), WorkKind.PERSON, account, null);
            reconciler.wake();
        });
    }

    @EventListener
    void on(AccountAttached event) {
        store.mark(event.schoolId(), WorkKind.PERSON, event.accountId(), null);
        desired.groupsOf(event.schoolId(), event.accountId()).forEach(g -> group(event.schoolId(), g));
        reconciler.wake();
    }

    /** Logout everywhere and password change: cut the account's chat connections at every school it belongs to. */
    @EventListener
    void on(SessionsEnded event) {
        people.schoolsOf(event.accountId()).forEach(school -> revoke(school, event.accountId(), event.at()));
        reconciler.wake();
    }

    /**
     * A staff member removed from the school: their chat sessions there end (revocation), their directory entry goes
     * (or becomes their guardian entry), and the groups they taught drop them from their conversations.
     */
    @EventListener
    void on(StaffRemoved event) {
        desired.groupsTaughtBy(event.schoolId(), event.staffId()).forEach(g -> group(event.schoolId(), g));
        UUID account = event.accountId();
        if (account != null) {
            revoke(event.schoolId(), account, nextSecond());
            store.mark(event.schoolId(), WorkKind.PERSON, account, null);
        }
        reconciler.wake();
    }

    /** A staff member who lost a role: their chat sessions at the school end (their tokens carry the old roles). */
    @EventListener
    void on(StaffRolesChanged event) {
        UUID account = event.accountId();
        if (account != null) {
            if (event.lostARole()) {
                revoke(event.schoolId(), account, nextSecond());
            }
            store.mark(event.schoolId(), WorkKind.PERSON, account, null);
            reconciler.wake();
        }
    }

    /** Logout of one device and refresh-token reuse: cut that session's chat connections (its sid) only. */
    @EventListener
    void on(SessionEnded event) {
        store.mark(event.schoolId(), WorkKind.REVOKE_SESSION, event.sessionId(),
                event.at().truncatedTo(ChronoUnit.SECONDS), event.accountId());
        reconciler.wake();
    }

    /**
     * A school's module switches changed: put the chat module's state (read from portal's tables when the work is
     * done) to the chat's school settings. Any switch marks it; putting an unchanged state again is harmless.
     */
    @EventListener
    void on(ModulesChanged event) {
        store.mark(event.schoolId(), WorkKind.SETTINGS, event.schoolId(), null);
        reconciler.wake();
    }

    /**
     * The cut for a staff change: the start of the next second, so a token issued in this second (still with the old
     * roles) is refused too; nobody needs a token of this second to survive (a new login simply comes a second later).
     */
    private Instant nextSecond() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private void group(UUID schoolId, UUID groupId) {
        store.mark(schoolId, WorkKind.GROUP, groupId, null);
    }

    private void revoke(UUID schoolId, UUID accountId, Instant at) {
        store.mark(schoolId, WorkKind.REVOKE, accountId, at.truncatedTo(ChronoUnit.SECONDS));
    }
}
