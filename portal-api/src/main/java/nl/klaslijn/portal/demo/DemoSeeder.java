package nl.klaslijn.portal.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.onboarding.PrintedToken;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.School;
import nl.klaslijn.portal.schools.Schools;

/**
 * Seeds {@link DemoSchool} through the portal's own services, as its administrator and its people would: the school,
 * its groups, staff, pupils and guardians, the teachers and the class parent, and an account for every demo login,
 * registered with an onboarding token like any other. The chat sync then brings them into the chat.
 *
 * <p>Idempotent across restarts: the school is found by its name, groups, pupils and guardians have ids derived from
 * the school's, staff are found by e-mail, and an account is registered only when its address has none; links
 * (teacher, class parent, guardian) are made only together with the record they belong to, so a change made in the
 * running demo stays after a restart. Only the unregistered guardians' onboarding tokens are new at every run.
 */
public final class DemoSeeder {

    private static final String LOCAL = "127.0.0.1";

    private final Schools schools;
    private final People people;
    private final Onboarding onboarding;
    private final Accounts accounts;

    /** What a run left: the school and a fresh onboarding token for each guardian who has not registered. */
    public record Seeded(UUID schoolId, List<PrintedToken> onboardingTokens) {}

    public DemoSeeder(Schools schools, People people, Onboarding onboarding, Accounts accounts) {
        this.schools = schools;
        this.people = people;
        this.onboarding = onboarding;
        this.accounts = accounts;
    }

    public Seeded seed() {
        UUID schoolId = school();
        List<Group> groups = new ArrayList<>();
        List<Group> newGroups = new ArrayList<>();
        for (String name : DemoSchool.GROUPS) {
            UUID id = derived(schoolId, "group:" + name);
            Optional<Group> existing = schools.group(schoolId, id);
            Group group = existing.orElseGet(() -> schools.createGroup(schoolId, id, name));
            groups.add(group);
            if (existing.isEmpty()) {
                newGroups.add(group);
            }
        }
        for (DemoSchool.StaffMember member : DemoSchool.STAFF) {
            staff(schoolId, member, groups, newGroups);
        }
        for (DemoSchool.Child child : DemoSchool.PUPILS) {
            UUID id = derived(schoolId, "pupil:" + child.firstName());
            if (people.pupil(schoolId, id).isEmpty()) {
                people.createPupil(schoolId, id, byName(groups, child.group()).groupId(), child.firstName(),
                        child.lastName(), null);
            }
        }
        for (DemoSchool.Parent parent : DemoSchool.PARENTS) {
            guardian(schoolId, parent, groups);
        }
        List<PrintedToken> open = new ArrayList<>();
        for (Group group : groups) {
            for (PrintedToken printed : onboarding.issueForGroup(group)) {
                Optional<DemoSchool.Parent> parent = DemoSchool.PARENTS.stream()
                        .filter(p -> derived(schoolId, "guardian:" + p.email()).equals(printed.guardianId())).findFirst();
                if (parent.isPresent() && parent.get().registers() && !accounts.emailTaken(parent.get().email())) {
                    onboarding.register(printed.token(), parent.get().email(), DemoSchool.PASSWORD, LOCAL);
                } else {
                    open.add(printed);
                }
            }
        }
        return new Seeded(schoolId, open);
    }

    private UUID school() {
        for (UUID id : schools.schoolIds()) {
            Optional<School> school = schools.school(id);
            if (school.isPresent() && school.get().name().equals(DemoSchool.NAME)) {
                return id;
            }
        }
        return schools.create(DemoSchool.NAME).schoolId();
    }

    private void staff(UUID schoolId, DemoSchool.StaffMember member, List<Group> groups, List<Group> newGroups) {
        Optional<Staff> existing = people.staffOf(schoolId).stream()
                .filter(s -> s.email().equalsIgnoreCase(member.email())).findFirst();
        Staff staff = existing.orElseGet(() -> people.createStaff(schoolId, member.name(), member.email(),
                EnumSet.of(StaffRole.valueOf(member.role()))));
        if (member.group() != null) {
            Group group = byName(groups, member.group());
            if (existing.isEmpty() || newGroups.contains(group)) {
                schools.addTeacher(schoolId, group.groupId(), staff.staffId());
            }
        }
        if (!accounts.emailTaken(member.email())) {
            onboarding.register(onboarding.issueForStaff(staff), member.email(), DemoSchool.PASSWORD, LOCAL);
        }
    }

    private void guardian(UUID schoolId, DemoSchool.Parent parent, List<Group> groups) {
        UUID id = derived(schoolId, "guardian:" + parent.email());
        if (people.guardian(schoolId, id).isPresent()) {
            return;
        }
        DemoSchool.Child child = DemoSchool.PUPILS.stream().filter(c -> c.firstName().equals(parent.pupil()))
                .findFirst().orElseThrow();
        Pupil pupil = people.pupil(schoolId, derived(schoolId, "pupil:" + child.firstName())).orElseThrow();
        Guardian guardian = people.createGuardian(schoolId, id, parent.name(), parent.email());
        people.linkGuardian(pupil, guardian.guardianId());
        if (parent.classParent()) {
            schools.addClassParent(schoolId, byName(groups, child.group()).groupId(), guardian.guardianId());
        }
    }

    private static Group byName(List<Group> groups, String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private static UUID derived(UUID schoolId, String what) {
        return UUID.nameUUIDFromBytes(("klaslijn-demo:" + schoolId + ":" + what).getBytes(StandardCharsets.UTF_8));
    }
}
