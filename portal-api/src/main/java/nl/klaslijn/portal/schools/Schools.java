package nl.klaslijn.portal.schools;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Schools and their groups. Callers pass the access gates first; this service only checks that what it links exists
 * in the same school (check before do). Every change to a group's people publishes {@link GroupChanged} after the
 * write.
 */
@Service
public class Schools {

    private final SchoolStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Schools(SchoolStore store, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
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
        Group group = new Group(schoolId, UUID.randomUUID(), name, Set.of(), Set.of());
        store.insert(group);
        events.publishEvent(new GroupChanged(schoolId, group.groupId()));
        return group;
    }

    /**
     * Creates a group with a given id (the CSV import derives it from the school and the name). Writing it again is
     * harmless: only the name is written, teachers and class parents are left as they are.
     */
    public Group createGroup(UUID schoolId, UUID groupId, String name) {
        Group group = new Group(schoolId, groupId, name, Set.of(), Set.of());
        store.insertName(group);
        events.publishEvent(new GroupChanged(schoolId, groupId));
        return group;
    }

    /** Empty when the group does not exist in this school (a group id of another school is not found either). */
    public Optional<Group> group(UUID schoolId, UUID groupId) {
        return store.group(schoolId, groupId);
    }

    /** The ids of every school (a full scan: for rare whole-platform jobs such as the chat sync's sweep). */
    public List<UUID> schoolIds() {
        return store.schoolIds();
    }

    /** All groups of a school, ordered by id. */
    public List<Group> groups(UUID schoolId) {
        return store.groups(schoolId);
    }

    /** Adds a teacher (a staff id of this school; the caller checked it) to the group; adding twice is harmless. */
    public void addTeacher(UUID schoolId, UUID groupId, UUID staffId) {
        store.addTeacher(schoolId, groupId, staffId);
        events.publishEvent(new GroupChanged(schoolId, groupId));
    }

    /** Removes a teacher from the group; removing one who is not there is harmless. */
    public void removeTeacher(UUID schoolId, UUID groupId, UUID staffId) {
        store.removeTeacher(schoolId, groupId, staffId);
        events.publishEvent(new GroupChanged(schoolId, groupId));
    }

    /** Makes a guardian (of a pupil in this group; the caller checked it) a class parent; idempotent. */
    public void addClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        store.addClassParent(schoolId, groupId, guardianId);
        events.publishEvent(new GroupChanged(schoolId, groupId));
    }

    /**
     * Ends a guardian's class-parent role in the group (they stay a parent of it, or no longer have a child in it);
     * idempotent.
     */
    public void removeClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        store.removeClassParent(schoolId, groupId, guardianId);
        events.publishEvent(new GroupChanged(schoolId, groupId));
    }
}
