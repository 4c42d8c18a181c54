package nl.klaslijn.portal.request;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who an account is in one school: its staff record and roles (if staff), its guardian record (if a parent). A person
 * can be both (a teacher whose child is at the same school).
 */
public record Membership(UUID schoolId, UUID accountId, @Nullable UUID staffId, Set<StaffRole> staffRoles,
        @Nullable UUID guardianId) {

    public Membership {
        staffRoles = Set.copyOf(staffRoles);
    }

    public boolean hasStaffRole(StaffRole role) {
        return staffId != null && staffRoles.contains(role);
    }

    public boolean isStaff() {
        return staffId != null && !staffRoles.isEmpty();
    }

    /** The roles an access token for this school carries. */
    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (staffId != null) {
            staffRoles.forEach(r -> roles.add(r.role()));
        }
        if (guardianId != null) {
            roles.add(Role.PARENT);
        }
        return roles;
    }
}
