package nl.klaslijn.portal.request;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of one request: the verified access token's account and school, plus who that account is
 * in that school as read from Cassandra for this request ({@code membership}; null when it is nobody there, e.g. a
 * service token). Gates decide on the membership, not on the token's roles, so a removed role stops working at once.
 */
public record Caller(UUID accountId, UUID schoolId, Set<Role> tokenRoles, @Nullable Membership membership) {

    public Caller {
        tokenRoles = Set.copyOf(tokenRoles);
    }

    public boolean isService() {
        return tokenRoles.contains(Role.SERVICE);
    }

    public boolean isIn(UUID school) {
        return membership != null && schoolId.equals(school);
    }

    public boolean isStaffOf(UUID school) {
        return isIn(school) && membership.isStaff();
    }

    public boolean isAdministratorOf(UUID school) {
        return isIn(school) && membership.hasStaffRole(StaffRole.ADMINISTRATOR);
    }

    public boolean hasStaffRoleIn(UUID school, StaffRole role) {
        return isIn(school) && membership.hasStaffRole(role);
    }

    /** The caller's staff id in {@code school}, if staff there. */
    public Optional<UUID> staffIdIn(UUID school) {
        return isIn(school) ? Optional.ofNullable(membership.staffId()) : Optional.empty();
    }

    /** The caller's guardian id in {@code school}, if a parent there. */
    public Optional<UUID> guardianIdIn(UUID school) {
        return isIn(school) ? Optional.ofNullable(membership.guardianId()) : Optional.empty();
    }
}
