package nl.klaslijn.portal.schools;

import java.util.Set;
import java.util.UUID;

/**
 * A group (class) of a school.
 *
 * @param teachers staff ids of its teachers
 * @param classParents guardian ids of its class parents (klassenouders)
 */
public record Group(UUID schoolId, UUID groupId, String name, Set<UUID> teachers, Set<UUID> classParents) {

    public Group {
        teachers = Set.copyOf(teachers);
        classParents = Set.copyOf(classParents);
    }

    public boolean isTaughtBy(UUID staffId) {
        return teachers.contains(staffId);
    }

    public boolean hasClassParent(UUID guardianId) {
        return classParents.contains(guardianId);
    }
}
