package nl.klaslijn.portal.onboarding.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.StaffRole;

/** Request and response bodies of the endpoints that create people who then register with a token. */
final class NewcomerRequests {

    private NewcomerRequests() {}

    /** A new school with its first administrator (who gets a registration token). */
    record CreateSchool(@NotBlank @Size(max = 120) String name, @NotNull @Valid FirstAdministrator administrator) {}

    record FirstAdministrator(@NotBlank @Size(max = 120) String name,
            @NotBlank @Email @Size(max = 254) String email) {}

    record CreatedSchool(UUID schoolId, String name, UUID administratorStaffId, String administratorRegistrationToken) {}

    record CreateStaff(@NotBlank @Size(max = 120) String name, @NotBlank @Email @Size(max = 254) String email,
            @NotEmpty @Size(max = 3) Set<@NotNull StaffRole> roles) {}

    record CreatedStaff(UUID staffId, String name, Set<StaffRole> roles, String registrationToken) {}
}
