package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.StaffRole;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, after the write) when a staff member's roles changed. Listeners run in the request that
 * made the change; when a role was taken away ({@link #lostARole()}), the account's sessions at the school must end,
 * since its access tokens still carry the old roles.
 */
public record StaffRolesChanged(UUID schoolId, UUID staffId, @Nullable UUID accountId, Set<StaffRole> before,
        Set<StaffRole> after) {

    public StaffRolesChanged {
        before = Set.copyOf(before);
        after = Set.copyOf(after);
    }

    public boolean lostARole() {
        return !after.containsAll(before);
    }
}
