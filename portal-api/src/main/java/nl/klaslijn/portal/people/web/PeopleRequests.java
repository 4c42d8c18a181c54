package nl.klaslijn.portal.people.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.StaffRole;

/** Request bodies of the people endpoints. */
final class PeopleRequests {

    private PeopleRequests() {}

    /** The staff member's roles from now on; at least one (remove them to take all). */
    record SetStaffRoles(@NotEmpty @Size(max = 3) Set<@NotNull StaffRole> roles) {}

    record CreatePupil(@NotBlank @Size(max = 60) String firstName, @NotBlank @Size(max = 80) String lastName,
            @NotNull UUID groupId) {}

    record CreateGuardian(@NotBlank @Size(max = 120) String name, @NotBlank @Email @Size(max = 254) String email) {}

    record MovePupil(@NotNull UUID groupId) {}
}
