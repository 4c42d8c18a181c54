package nl.klaslijn.portal.people.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.StaffRole;

/** Response bodies of the people endpoints. */
final class PeopleViews {

    private PeopleViews() {}

    record StaffView(UUID staffId, String name, Set<StaffRole> roles) {}

    record PupilView(UUID pupilId, String firstName, String lastName, UUID groupId, List<GuardianView> guardians) {}

    record GuardianView(UUID guardianId, String name, boolean registered) {}
}
