package nl.klaslijn.portal.directory.web;

import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.people.GroupAccess;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.directory.Directory;
import nl.klaslijn.portal.directory.GroupInfo;
import nl.klaslijn.portal.directory.StaffEntry;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.School;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The group and school information pages. Every handler passes its gate first (check), then acts (do). */
@RestController
@RequestMapping("/api/schools/{schoolId}")
class DirectoryController {

    private final Directory directory;
    private final SchoolAccess schoolAccess;
    private final GroupAccess groupAccess;

    DirectoryController(Directory directory, SchoolAccess schoolAccess, GroupAccess groupAccess) {
        this.directory = directory;
        this.schoolAccess = schoolAccess;
        this.groupAccess = groupAccess;
    }

    record SchoolInfo(UUID schoolId, String name, List<StaffEntry> staff) {}

    /** Who may see the class list sees the group page; contact details as the privacy choices allow this caller. */
    @GetMapping("/groups/{groupId}/info")
    GroupInfo group(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        Group group = groupAccess.viewClassList(caller, schoolId, groupId);
        return directory.group(caller, group);
    }

    /** Every member of the school: its staff with their roles, groups, shared fields and chat user ids. */
    @GetMapping("/info")
    SchoolInfo school(Caller caller, @PathVariable UUID schoolId) {
        School school = schoolAccess.view(caller, schoolId);
        return new SchoolInfo(school.schoolId(), school.name(), directory.staff(schoolId));
    }
}
