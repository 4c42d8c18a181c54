package nl.klaslijn.portal.schools;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Schools and their groups. Callers pass the access gates first; this service only checks that what it links exists
 * in the same school (check before do).
 */
@Service
public class Schools {

    private final SchoolStore store;
    private final Clock clock;

    Schools(SchoolStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public School create(String name) {
        School school = new School(UUID.randomUUID(), name, clock.instant());
        store.insert(school);
        return school;
    }

    public Optional<School> school(UUID schoolId) {
        return store.school(schoolId);
    }

    public Group createGroup(UUID schoolId, String name) {
        Group group = new Group(schoolId, UUID.randomUUID(), name, java.util.Set.of(), java.util.Set.of());
        store.insert(group);
        return group;
    }

    /**
     * Creates a group with a given id (the CSV import derives it from the school and the name). Writing it again is
     * harmless: only the name is written, teachers and class parents are left as they are.
     */
    public Group createGroup(UUID schoolId, UUID groupId, String name) {
        Group group = new Group(schoolId, groupId, name, java.util.Set.of(), java.util.Set.of());
        store.insertName(group);
        return group;
    }

    /** Empty when the group does not exist in this school (a group id of another school is not found either). */
    public Optional<Group> group(UUID schoolId, UUID groupId) {
        return store.group(schoolId, groupId);
    }

    /** All groups of a school, ordered by id. */
    public List<Group> groups(UUID schoolId) {
        return store.groups(schoolId);
    }

    /** Adds a teacher (a staff id of this school; the caller checked it) to the group; adding twice is harmless. */
    public void addTeacher(UUID schoolId, UUID groupId, UUID staffId) {
        store.addTeacher(schoolId, groupId, staffId);
    }

    /** Makes a guardian (of a pupil in this group; the caller checked it) a class parent; idempotent. */
    public void addClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        store.addClassParent(schoolId, groupId, guardianId);
    }

    /** Removes a guardian from the group's class parents (they no longer have a child in it); idempotent. */
    public void removeClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        store.removeClassParent(schoolId, groupId, guardianId);
    }
}
