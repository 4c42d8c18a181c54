package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.request.StaffRole;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Staff, pupils and guardians of a school, and which account each is. Callers pass the access gates first; lookups
 * return empty for ids that do not exist in the given school (another school's id included). Changes to who belongs
 * to a group publish {@link PupilGroupChanged}, {@link PupilRemoved}, {@link GuardianLinkChanged},
 * {@link GuardianRemoved} or {@link AccountAttached} after the write; changes to staff {@link StaffRolesChanged} and
 * {@link StaffRemoved}.
 */
@Service
public class People {

    private final PeopleStore store;
    private final StaffStore staffStore;
    private final ApplicationEventPublisher events;

    People(PeopleStore store, StaffStore staffStore, ApplicationEventPublisher events) {
        this.store = store;
        this.staffStore = staffStore;
        this.events = events;
    }

    public Staff createStaff(UUID schoolId, String name, String email, Set<StaffRole> roles) {
        Staff staff = new Staff(schoolId, UUID.randomUUID(), name, email, roles, null);
        store.insert(staff);
        return staff;
    }

    public Optional<Staff> staff(UUID schoolId, UUID staffId) {
        return store.staff(schoolId, staffId);
    }

    /** Gives the staff member exactly these roles (at least one); publishes {@link StaffRolesChanged}. */
    public Staff setStaffRoles(Staff staff, Set<StaffRole> roles) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a staff member keeps at least one role; remove them instead");
        }
        staffStore.setRoles(staff, roles);
        events.publishEvent(new StaffRolesChanged(staff.schoolId(), staff.staffId(), staff.accountId(), staff.roles(),
                roles));
        return new Staff(staff.schoolId(), staff.staffId(), staff.name(), staff.email(), roles, staff.accountId());
    }

    /**
     * Removes the staff member from the school: the staff record and, if registered, the account's staff membership
     * (the account stays a member if it is a guardian there). Publishes {@link StaffRemoved}.
     */
    public void removeStaff(Staff staff) {
        UUID account = staff.accountId();
        boolean guardian = account != null && store.membership(staff.schoolId(), account)
                .map(m -> m.guardianId() != null).orElse(false);
        staffStore.delete(staff, guardian);
        events.publishEvent(new StaffRemoved(staff.schoolId(), staff.staffId(), account));
    }

    /** Adds a pupil to a group; the caller checked that the group exists in this school. */
    public Pupil createPupil(UUID schoolId, UUID groupId, String firstName, String lastName) {
        Pupil pupil = new Pupil(schoolId, UUID.randomUUID(), groupId, firstName, lastName);
        store.insert(pupil);
        events.publishEvent(new PupilGroupChanged(schoolId, pupil.pupilId(), null, groupId));
        return pupil;
    }

    /**
     * Moves a pupil to another group of the same school (the caller checked it exists), as
     * {@link #movePupil(Pupil, UUID, UUID)} from its current group. Moving to the current group does nothing.
     */
    public Pupil movePupil(Pupil pupil, UUID groupId) {
        if (pupil.groupId().equals(groupId)) {
            return pupil;
        }
        movePupil(pupil, pupil.groupId(), groupId);
        return new Pupil(pupil.schoolId(), pupil.pupilId(), groupId, pupil.firstName(), pupil.lastName());
    }

    public Optional<Pupil> pupil(UUID schoolId, UUID pupilId) {
        return store.pupil(schoolId, pupilId);
    }

    /** The pupils of a group, ordered by pupil id. */
    public List<Pupil> pupilsOfGroup(UUID schoolId, UUID groupId) {
        return store.pupilsOfGroup(schoolId, groupId);
    }

    /** Creates a guardian record and links it to {@code pupil}. */
    public Guardian createGuardian(Pupil pupil, String name, String email) {
        Guardian guardian = new Guardian(pupil.schoolId(), UUID.randomUUID(), name, email, null);
        store.insert(guardian);
        store.link(pupil, guardian.guardianId());
        events.publishEvent(new GuardianLinkChanged(pupil.schoolId(), guardian.guardianId(), pupil.pupilId(),
                pupil.groupId(), true));
        return guardian;
    }

    public Optional<Guardian> guardian(UUID schoolId, UUID guardianId) {
        return store.guardian(schoolId, guardianId);
    }

    /** Links an existing guardian of the same school to {@code pupil} (a sibling); idempotent. */
    public void linkGuardian(Pupil pupil, UUID guardianId) {
        store.link(pupil, guardianId);
        events.publishEvent(new GuardianLinkChanged(pupil.schoolId(), guardianId, pupil.pupilId(), pupil.groupId(), true));
    }

    /** Ends a guardian's link to {@code pupil} (both directions, one logged batch); idempotent. */
    public void unlinkGuardian(Pupil pupil, UUID guardianId) {
        store.unlink(pupil, guardianId);
        events.publishEvent(new GuardianLinkChanged(pupil.schoolId(), guardianId, pupil.pupilId(), pupil.groupId(), false));
    }

    public Set<UUID> guardiansOf(UUID schoolId, UUID pupilId) {
        return store.guardiansOf(schoolId, pupilId);
    }

    public List<Child> childrenOf(UUID schoolId, UUID guardianId) {
        return store.childrenOf(schoolId, guardianId);
    }

    public boolean isGuardianOf(UUID schoolId, UUID guardianId, UUID pupilId) {
        return store.guardiansOf(schoolId, pupilId).contains(guardianId);
    }

    /** True if the guardian has a child in the group. */
    public boolean hasChildIn(UUID schoolId, UUID guardianId, UUID groupId) {
        return store.childrenOf(schoolId, guardianId).stream().anyMatch(c -> c.groupId().equals(groupId));
    }

    /** Who the account is in the school; empty if nobody there. */
    public Optional<Membership> membership(UUID schoolId, UUID accountId) {
        return store.membership(schoolId, accountId);
    }

    public void attachStaff(Staff staff, UUID accountId) {
        store.attachStaff(staff, accountId);
        events.publishEvent(new AccountAttached(staff.schoolId(), accountId));
    }

    /**
     * Makes {@code accountId} the guardian of {@code pupil}. If the account already is another guardian record of this
     * school (a second child's token), the pupil is linked to that record, so one person stays one guardian per school.
     */
    public UUID attachGuardian(Pupil pupil, UUID guardianId, UUID accountId) {
        Optional<UUID> existing = store.membership(pupil.schoolId(), accountId).map(Membership::guardianId);
        if (existing.isPresent() && !existing.get().equals(guardianId)) {
            store.link(pupil, existing.get());
            events.publishEvent(new AccountAttached(pupil.schoolId(), accountId));
            return existing.get();
        }
        store.attachGuardian(pupil.schoolId(), guardianId, accountId);
        events.publishEvent(new AccountAttached(pupil.schoolId(), accountId));
        return guardianId;
    }

    /** Every pupil of the school. */
    public List<Pupil> pupils(UUID schoolId) {
        return store.pupils(schoolId);
    }

    /** Every guardian record of the school. */
    public List<Guardian> guardians(UUID schoolId) {
        return store.guardians(schoolId);
    }

    /** The school's external pupil numbers (from imports): number to pupil id. */
    public Map<String, UUID> pupilNumbers(UUID schoolId) {
        return store.numbers(schoolId);
    }

    /**
     * Adds a pupil with a given id and optional external number (the CSV import); the pupil's rows and its number are
     * written together, and writing the same pupil again is harmless. The caller checked that the group exists.
     */
    public Pupil createPupil(UUID schoolId, UUID pupilId, UUID groupId, String firstName, String lastName,
            @Nullable String externalNumber) {
        Pupil pupil = new Pupil(schoolId, pupilId, groupId, firstName, lastName);
        store.insert(pupil, externalNumber);
        events.publishEvent(new PupilGroupChanged(schoolId, pupilId, null, groupId));
        return pupil;
    }

    /** Records an external number for an existing pupil; idempotent. */
    public void assignPupilNumber(UUID schoolId, String externalNumber, UUID pupilId) {
        store.insertNumber(schoolId, externalNumber, pupilId);
    }

    /** A guardian record with a given id (the CSV import), not yet linked to a pupil; writing it again is harmless. */
    public Guardian createGuardian(UUID schoolId, UUID guardianId, String name, String email) {
        Guardian guardian = new Guardian(schoolId, guardianId, name, email, null);
        store.insert(guardian);
        return guardian;
    }

    /**
     * Moves a pupil from {@code fromGroup} to {@code toGroup} (also the year-end move, which passes the group it
     * planned from): the pupil record, both class lists and its guardians' lists of children change in one logged
     * batch; then publishes {@link PupilGroupChanged}. Idempotent, also the event (a retry marks again). The caller
     * checked that the group exists.
     */
    public void movePupil(Pupil pupil, UUID fromGroup, UUID toGroup) {
        store.move(pupil, fromGroup, toGroup, store.guardiansOf(pupil.schoolId(), pupil.pupilId()));
        events.publishEvent(new PupilGroupChanged(pupil.schoolId(), pupil.pupilId(), fromGroup, toGroup));
    }

    public List<UUID> schoolsOf(UUID accountId) {
        return store.schoolsOf(accountId);
    }

    /** Every account that is someone (staff or guardian) at the school. */
    public List<UUID> accountsAt(UUID schoolId) {
        return store.accountsAt(schoolId);
    }

    /** Every staff member of the school, ordered by staff id. */
    public List<Staff> staffOf(UUID schoolId) {
        return store.allStaff(schoolId);
    }

    /**
     * Deletes the pupil's record, class-list entry and external pupil numbers together (not their guardian links:
     * {@link #unlinkGuardian} first); publishes {@link PupilRemoved}. The one way a pupil leaves this feature's tables;
     * see {@code PersonalData#erasePupil} for the whole deletion.
     */
    public void removePupil(Pupil pupil) {
        store.delete(pupil, pupilNumbersOf(pupil.schoolId(), pupil.pupilId()));
        events.publishEvent(new PupilRemoved(pupil.schoolId(), pupil.pupilId(), pupil.groupId()));
    }

    /** The external pupil numbers (from imports) the school recorded for one pupil. */
    public Set<String> pupilNumbersOf(UUID schoolId, UUID pupilId) {
        Set<String> numbers = new HashSet<>();
        store.numbers(schoolId).forEach((number, id) -> {
            if (id.equals(pupilId)) {
                numbers.add(number);
            }
        });
        return numbers;
    }

    /**
     * Deletes a guardian record that has no children left at the school; if it belonged to an account, the account
     * stops being a guardian there (and stops being a member of the school unless it is staff there). Publishes
     * {@link GuardianRemoved}.
     */
    public void removeGuardian(Guardian guardian) {
        Membership membership = guardian.accountId() == null ? null
                : store.membership(guardian.schoolId(), guardian.accountId())
                        .filter(m -> guardian.guardianId().equals(m.guardianId())).orElse(null);
        store.deleteGuardian(guardian.schoolId(), guardian.guardianId(), membership);
        events.publishEvent(new GuardianRemoved(guardian.schoolId(), guardian.guardianId(), guardian.accountId()));
    }
}
