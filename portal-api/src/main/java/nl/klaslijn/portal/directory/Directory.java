package nl.klaslijn.portal.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.directory.GroupInfo.Classmate;
import nl.klaslijn.portal.directory.GroupInfo.GuardianEntry;
import nl.klaslijn.portal.people.Child;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.privacy.Audience;
import nl.klaslijn.portal.privacy.ContactDetails;
import nl.klaslijn.portal.privacy.GuardianProfile;
import nl.klaslijn.portal.privacy.Profiles;
import nl.klaslijn.portal.privacy.StaffProfile;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.stereotype.Service;

/**
 * Builds the group and school information pages for one viewer, applying the privacy choices. Callers pass the gate
 * first (group page: the class-list gate; school page: the school gate).
 *
 * <p>What a viewer sees of a guardian's contact details ({@link GuardianProfile#visibleTo}): everything when it is
 * themself; everything when the viewer is an administrator or a teacher of the group (staff); for another guardian of
 * one of their children, everything if the guardian made their details visible to the other guardians and nothing
 * otherwise; for any other parent of the group, the fields the guardian shares with the group. Guardians' names are
 * always shown (as on the school's class lists). Staff show the fields they share with the school to everyone.
 */
@Service
public class Directory {

    private final People people;
    private final Schools schools;
    private final Profiles profiles;

    Directory(People people, Schools schools, Profiles profiles) {
        this.people = people;
        this.schools = schools;
        this.profiles = profiles;
    }

    /** The group page of {@code group} as {@code viewer} sees it. */
    public GroupInfo group(Caller viewer, Group group) {
        UUID school = group.schoolId();
        boolean staffView = viewer.isAdministratorOf(school) || viewer.staffIdIn(school).filter(group::isTaughtBy).isPresent();
        Optional<UUID> self = viewer.guardianIdIn(school);
        Set<UUID> otherGuardians = self.map(g -> coGuardians(school, g)).orElse(Set.of());

        List<Pupil> pupils = people.pupilsOfGroup(school, group.groupId());
        Map<UUID, Set<UUID>> guardiansByPupil = new HashMap<>();
        Set<UUID> allGuardians = new HashSet<>();
        for (Pupil pupil : pupils) {
            Set<UUID> ids = people.guardiansOf(school, pupil.pupilId());
            guardiansByPupil.put(pupil.pupilId(), ids);
            allGuardians.addAll(ids);
        }
        Map<UUID, GuardianProfile> choices = profiles.guardians(school, allGuardians);

        List<Classmate> classmates = new ArrayList<>();
        for (Pupil pupil : pupils) {
            List<GuardianEntry> guardians = guardiansByPupil.get(pupil.pupilId()).stream().sorted()
                    .flatMap(id -> people.guardian(school, id).stream())
                    .map(g -> entry(g, choices.get(g.guardianId()), group,
                            audience(g.guardianId(), staffView, self, otherGuardians)))
                    .toList();
            classmates.add(new Classmate(pupil.pupilId(), pupil.firstName(), pupil.lastName(), guardians));
        }
        Map<UUID, StaffProfile> staffProfiles = profiles.allStaff(school);
        List<Group> groups = schools.groups(school);
        List<StaffEntry> teachers = group.teachers().stream().sorted()
                .flatMap(id -> people.staff(school, id).stream())
                .map(s -> staffEntry(s, staffProfiles, groups)).toList();
        return new GroupInfo(group.groupId(), group.name(), teachers, classmates);
    }

    /** Every staff member of the school with their groups and shared fields, ordered by name. */
    public List<StaffEntry> staff(UUID schoolId) {
        Map<UUID, StaffProfile> staffProfiles = profiles.allStaff(schoolId);
        List<Group> groups = schools.groups(schoolId);
        return people.staffOf(schoolId).stream().map(s -> staffEntry(s, staffProfiles, groups))
                .sorted(Comparator.comparing(StaffEntry::name).thenComparing(StaffEntry::staffId)).toList();
    }

    private static Audience audience(UUID guardian, boolean staffView, Optional<UUID> self, Set<UUID> otherGuardians) {
        if (self.filter(guardian::equals).isPresent()) {
            return Audience.SELF;
        }
        if (staffView) {
            return Audience.STAFF;
        }
        return otherGuardians.contains(guardian) ? Audience.OTHER_GUARDIAN : Audience.GROUP_PARENT;
    }

    private static GuardianEntry entry(Guardian g, GuardianProfile profile, Group group, Audience audience) {
        boolean mayMessage = audience == Audience.SELF || audience == Audience.STAFF || !profile.staffContactOnly();
        return new GuardianEntry(g.guardianId(), g.name(), group.hasClassParent(g.guardianId()), profile.staffContactOnly(),
                mayMessage ? g.accountId() : null, profile.visibleTo(audience));
    }

    /** The other guardians of the guardian's children at this school. */
    private Set<UUID> coGuardians(UUID school, UUID guardian) {
        Set<UUID> others = new HashSet<>();
        for (Child child : people.childrenOf(school, guardian)) {
            others.addAll(people.guardiansOf(school, child.pupilId()));
        }
        others.remove(guardian);
        return others;
    }

    private static StaffEntry staffEntry(Staff s, Map<UUID, StaffProfile> staffProfiles, List<Group> groups) {
        List<StaffEntry.GroupRef> teaches = groups.stream().filter(g -> g.isTaughtBy(s.staffId()))
                .map(g -> new StaffEntry.GroupRef(g.groupId(), g.name())).toList();
        StaffProfile profile = staffProfiles.get(s.staffId());
        ContactDetails contact = profile == null ? ContactDetails.NONE : profile.shared();
        return new StaffEntry(s.staffId(), s.accountId(), s.name(), s.roles(), teaches, contact);
    }
}
