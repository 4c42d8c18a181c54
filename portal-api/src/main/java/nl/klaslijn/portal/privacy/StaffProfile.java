package nl.klaslijn.portal.privacy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A staff member's contact details and the fields every member of the school (parents and colleagues) may see.
 * Defaults: no details, nothing shared. {@code details.address} is always null (staff profiles have no address).
 */
public record StaffProfile(UUID schoolId, UUID staffId, ContactDetails details, Set<ContactField> sharedWithSchool,
        @Nullable Instant updatedAt) {

    public StaffProfile {
        sharedWithSchool = sharedWithSchool.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sharedWithSchool));
    }

    public static StaffProfile empty(UUID schoolId, UUID staffId) {
        return new StaffProfile(schoolId, staffId, ContactDetails.NONE, Set.of(), null);
    }

    /** What members of the school see: the shared fields (the staff member themself sees everything). */
    public ContactDetails shared() {
        return details.only(sharedWithSchool);
    }
}
