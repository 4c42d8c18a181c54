package nl.klaslijn.portal.schools.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the school endpoints. */
final class SchoolRequests {

    private SchoolRequests() {}

    /** A new school with its first administrator (who gets a registration token). */
    record CreateSchool(@NotBlank @Size(max = 120) String name, @NotNull @Valid FirstAdministrator administrator) {}

    record FirstAdministrator(@NotBlank @Size(max = 120) String name,
            @NotBlank @Email @Size(max = 254) String email) {}

    record CreateGroup(@NotBlank @Size(max = 60) String name) {}
}
