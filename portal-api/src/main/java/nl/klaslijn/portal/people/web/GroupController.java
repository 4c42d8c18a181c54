package nl.klaslijn.portal.people.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.people.GroupAccess;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.web.GroupViews.ClassListEntry;
import nl.klaslijn.portal.people.web.GroupViews.GroupSummary;
import nl.klaslijn.portal.people.web.GroupViews.GroupView;
import nl.klaslijn.portal.people.web.GroupViews.Person;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.schools.Schools;
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

/**
 * A school's groups with their people: the groups a caller may see, a group with its teachers and class parents, the
 * class list, and who teaches or is class parent. Here rather than in {@code schools} because every view names
 * people. Every handler passes its gate first (check), then acts (do).
 */
@RestController
@RequestMapping("/api/schools/{schoolId}/groups")
class GroupController {

    private final Schools schools;
    private final People people;
    private final SchoolAccess schoolAccess;
    private final GroupAccess groupAccess;

    GroupController(Schools schools, People people, SchoolAccess schoolAccess, GroupAccess groupAccess) {
        this.schools = schools;
        this.people = people;
        this.schoolAccess = schoolAccess;
        this.groupAccess = groupAccess;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GroupView createGroup(Caller caller, @PathVariable UUID schoolId, @Valid @RequestBody GroupViews.CreateGroup body) {
        schoolAccess.manage(caller, schoolId);
        return view(schools.createGroup(schoolId, body.name()));
    }

    @GetMapping
    List<GroupSummary> groups(Caller caller, @PathVariable UUID schoolId) {
        return groupAccess.visible(caller, schoolId).stream().map(g -> new GroupSummary(g.groupId(), g.name())).toList();
    }

    @GetMapping("/{groupId}")
    GroupView group(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        return view(groupAccess.view(caller, schoolId, groupId));
    }

    @GetMapping("/{groupId}/pupils")
    List<ClassListEntry> classList(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        Group group = groupAccess.viewClassList(caller, schoolId, groupId);
        return people.pupilsOfGroup(schoolId, group.groupId()).stream()
                .map(p -> new ClassListEntry(p.pupilId(), p.firstName(), p.lastName())).toList();
    }

    /** Makes a teacher (a staff member with the TEACHER role) a teacher of the group; idempotent. */
    @PutMapping("/{groupId}/teachers/{staffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addTeacher(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId, @PathVariable UUID staffId) {
        groupAccess.manage(caller, schoolId, groupId);
        people.staff(schoolId, staffId).filter(s -> s.roles().contains(StaffRole.TEACHER))
                .orElseThrow(() -> ApiException.badRequest("not-a-teacher", "No teacher with this id at the school."));
        schools.addTeacher(schoolId, groupId, staffId);
    }

    /** Makes a guardian with a child in the group its class parent; idempotent. */
    @PutMapping("/{groupId}/class-parents/{guardianId}")
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
    @DeleteMapping("/{groupId}/teachers/{staffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeTeacher(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId,
            @PathVariable UUID staffId) {
        groupAccess.manage(caller, schoolId, groupId);
        schools.removeTeacher(schoolId, groupId, staffId);
    }

    /** Ends a guardian's class-parent role in the group (they remain a parent in it); idempotent. */
    @DeleteMapping("/{groupId}/class-parents/{guardianId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeClassParent(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId,
            @PathVariable UUID guardianId) {
        groupAccess.manage(caller, schoolId, groupId);
        schools.removeClassParent(schoolId, groupId, guardianId);
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
