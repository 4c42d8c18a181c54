package nl.klaslijn.portal.people.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the group endpoints. */
final class GroupViews {

    private GroupViews() {}

    record CreateGroup(@NotBlank @Size(max = 60) String name) {}

    record GroupSummary(UUID groupId, String name) {}

    record Person(UUID id, String name) {}

    record GroupView(UUID groupId, String name, List<Person> teachers, List<Person> classParents) {}

    record ClassListEntry(UUID pupilId, String firstName, String lastName) {}
}
