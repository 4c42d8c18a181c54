package nl.klaslijn.portal.schools.web;

import java.util.List;
import java.util.UUID;

/** Response bodies of the school endpoints. */
final class SchoolViews {

    private SchoolViews() {}

    record SchoolView(UUID schoolId, String name) {}

    record CreatedSchool(UUID schoolId, String name, UUID administratorStaffId, String administratorRegistrationToken) {}

    record GroupSummary(UUID groupId, String name) {}

    record Person(UUID id, String name) {}

    record GroupView(UUID groupId, String name, List<Person> teachers, List<Person> classParents) {}

    record ClassListEntry(UUID pupilId, String firstName, String lastName) {}
}
