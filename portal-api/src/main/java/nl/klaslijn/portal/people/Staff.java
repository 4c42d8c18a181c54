package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.StaffRole;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A staff member of a school. {@code accountId} is null until they registered. */
public record Staff(UUID schoolId, UUID staffId, String name, String email, Set<StaffRole> roles,
        @Nullable UUID accountId) {

    public Staff {
        roles = Set.copyOf(roles);
    }
}
