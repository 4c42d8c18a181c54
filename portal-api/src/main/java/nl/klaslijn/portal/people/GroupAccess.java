package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.stereotype.Component;

/**
 * The gate for a group (class). Policy:
 *
 * <ul>
 *   <li>see the group (name, teachers, class parents): every staff member of the school, and parents with a child in it;
 *   <li>see its class list (pupils): administrators, its teachers, and parents with a child in it;
 *   <li>manage it (teachers, class parents, registration tokens): administrators.
 * </ul>
 *
 * Who may not see the group gets 404, the same as for a group that does not exist; who may see it but not do the
 * action gets 403.
 */
@Component
public class GroupAccess {

    private final Schools schools;
    private final People people;

    GroupAccess(Schools schools, People people) {
        this.schools = schools;
        this.people = people;
    }

    public Group view(Caller caller, UUID schoolId, UUID groupId) {
        Group group = find(caller, schoolId, groupId);
        if (caller.isStaffOf(schoolId)) {
            return group;
        }
        if (hasChildIn(caller, group)) {
            return group;
        }
        throw ApiException.notFound("group");
    }

    public Group viewClassList(Caller caller, UUID schoolId, UUID groupId) {
        Group group = view(caller, schoolId, groupId);
        if (caller.isAdministratorOf(schoolId)) {
            return group;
        }
        if (caller.staffIdIn(schoolId).filter(group::isTaughtBy).isPresent()) {
            return group;
        }
        if (hasChildIn(caller, group)) {
            return group;
        }
        throw ApiException.forbidden("Only the group's teachers and parents may see its class list.");
    }

    public Group manage(Caller caller, UUID schoolId, UUID groupId) {
        Group group = view(caller, schoolId, groupId);
        if (!caller.isAdministratorOf(schoolId)) {
            throw ApiException.forbidden("Only administrators of the school may change a group.");
        }
        return group;
    }

    /** The groups the caller may see: all of them for staff, the groups of their children for parents. */
    public java.util.List<Group> visible(Caller caller, UUID schoolId) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("school");
        }
        if (caller.isStaffOf(schoolId)) {
            return schools.groups(schoolId);
        }
        java.util.Set<UUID> ofChildren = caller.guardianIdIn(schoolId)
                .map(g -> people.childrenOf(schoolId, g).stream().map(c -> c.groupId())
                        .collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        return schools.groups(schoolId).stream().filter(g -> ofChildren.contains(g.groupId())).toList();
    }

    private Group find(Caller caller, UUID schoolId, UUID groupId) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("group");
        }
        return schools.group(schoolId, groupId).orElseThrow(() -> ApiException.notFound("group"));
    }

    private boolean hasChildIn(Caller caller, Group group) {
        return caller.guardianIdIn(group.schoolId())
                .filter(guardian -> people.hasChildIn(group.schoolId(), guardian, group.groupId()))
                .isPresent();
    }
}
