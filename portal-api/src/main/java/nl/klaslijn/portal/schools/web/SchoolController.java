package nl.klaslijn.portal.schools.web;

import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.access.Caller;
import nl.klaslijn.portal.access.GroupAccess;
import nl.klaslijn.portal.access.SchoolAccess;
import nl.klaslijn.portal.http.ApiException;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.onboarding.PrintedToken;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.people.StaffRole;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.School;
import nl.klaslijn.portal.schools.Schools;
import nl.klaslijn.portal.schools.web.SchoolViews.ClassListEntry;
import nl.klaslijn.portal.schools.web.SchoolViews.CreatedSchool;
import nl.klaslijn.portal.schools.web.SchoolViews.GroupSummary;
import nl.klaslijn.portal.schools.web.SchoolViews.GroupView;
import nl.klaslijn.portal.schools.web.SchoolViews.Person;
import nl.klaslijn.portal.schools.web.SchoolViews.SchoolView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Schools and groups. Every handler passes its gate first (check), then acts (do). */
@RestController
@RequestMapping("/api/schools")
class SchoolController {

    private final Schools schools;
    private final People people;
    private final Onboarding onboarding;
    private final SchoolAccess schoolAccess;
    private final GroupAccess groupAccess;

    SchoolController(Schools schools, People people, Onboarding onboarding, SchoolAccess schoolAccess,
            GroupAccess groupAccess) {
        this.schools = schools;
        this.people = people;
        this.onboarding = onboarding;
        this.schoolAccess = schoolAccess;
        this.groupAccess = groupAccess;
    }

    /** Platform operator only (service token): a school and its first administrator's registration token. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedSchool create(Caller caller, @Valid @RequestBody SchoolRequests.CreateSchool body) {
        schoolAccess.create(caller);
        School school = schools.create(body.name());
        Staff admin = people.createStaff(school.schoolId(), body.administrator().name(), body.administrator().email(),
                EnumSet.of(StaffRole.ADMINISTRATOR));
        return new CreatedSchool(school.schoolId(), school.name(), admin.staffId(), onboarding.issueForStaff(admin));
    }

    @GetMapping("/{schoolId}")
    SchoolView school(Caller caller, @PathVariable UUID schoolId) {
        School school = schoolAccess.view(caller, schoolId);
        return new SchoolView(school.schoolId(), school.name());
    }

    @PostMapping("/{schoolId}/groups")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView createGroup(Caller caller, @PathVariable UUID schoolId, @Valid @RequestBody SchoolRequests.CreateGroup body) {
        schoolAccess.manage(caller, schoolId);
        return view(schools.createGroup(schoolId, body.name()));
    }

    @GetMapping("/{schoolId}/groups")
    List<GroupSummary> groups(Caller caller, @PathVariable UUID schoolId) {
        return groupAccess.visible(caller, schoolId).stream().map(g -> new GroupSummary(g.groupId(), g.name())).toList();
    }

    @GetMapping("/{schoolId}/groups/{groupId}")
    GroupView group(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        return view(groupAccess.view(caller, schoolId, groupId));
    }

    @GetMapping("/{schoolId}/groups/{groupId}/pupils")
    List<ClassListEntry> classList(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        Group group = groupAccess.viewClassList(caller, schoolId, groupId);
        return people.pupilsOfGroup(schoolId, group.groupId()).stream()
                .map(p -> new ClassListEntry(p.pupilId(), p.firstName(), p.lastName())).toList();
    }

    /** Makes a teacher (a staff member with the TEACHER role) a teacher of the group; idempotent. */
    @PutMapping("/{schoolId}/groups/{groupId}/teachers/{staffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addTeacher(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId, @PathVariable UUID staffId) {
        groupAccess.manage(caller, schoolId, groupId);
        people.staff(schoolId, staffId).filter(s -> s.roles().contains(StaffRole.TEACHER))
                .orElseThrow(() -> ApiException.badRequest("not-a-teacher", "No teacher with this id at the school."));
        schools.addTeacher(schoolId, groupId, staffId);
    }

    /** Makes a guardian with a child in the group its class parent; idempotent. */
    @PutMapping("/{schoolId}/groups/{groupId}/class-parents/{guardianId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addClassParent(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId,
            @PathVariable UUID guardianId) {
        groupAccess.manage(caller, schoolId, groupId);
        if (!people.hasChildIn(schoolId, guardianId, groupId)) {
            throw ApiException.badRequest("not-a-parent-of-group", "This guardian has no child in the group.");
        }
        schools.addClassParent(schoolId, groupId, guardianId);
    }

    /** Ends a staff member's teaching of the group; removing one who does not teach it is harmless. */
    @DeleteMapping("/{schoolId}/groups/{groupId}/teachers/{staffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeTeacher(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId,
            @PathVariable UUID staffId) {
        groupAccess.manage(caller, schoolId, groupId);
        schools.removeTeacher(schoolId, groupId, staffId);
    }

    /** Ends a guardian's class-parent role in the group (they remain a parent in it); idempotent. */
    @DeleteMapping("/{schoolId}/groups/{groupId}/class-parents/{guardianId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeClassParent(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId,
            @PathVariable UUID guardianId) {
        groupAccess.manage(caller, schoolId, groupId);
        schools.removeClassParent(schoolId, groupId, guardianId);
    }

    /**
     * The printable list: a fresh registration token for every guardian of every pupil in the group who has not
     * registered yet. Tokens are shown only in this response; printing again replaces them.
     */
    @PostMapping("/{schoolId}/groups/{groupId}/registration-tokens")
    List<PrintedToken> registrationTokens(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        return onboarding.issueForGroup(groupAccess.manage(caller, schoolId, groupId));
    }

    private GroupView view(Group group) {
        List<Person> teachers = group.teachers().stream()
                .flatMap(id -> people.staff(group.schoolId(), id).stream())
                .map(s -> new Person(s.staffId(), s.name())).toList();
        List<Person> classParents = group.classParents().stream()
                .flatMap(id -> people.guardian(group.schoolId(), id).stream())
                .map(g -> new Person(g.guardianId(), g.name())).toList();
        return new GroupView(group.groupId(), group.name(), teachers, classParents);
    }
}
