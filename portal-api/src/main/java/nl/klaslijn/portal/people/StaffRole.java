package nl.klaslijn.portal.people;

import nl.klaslijn.common.auth.Role;

/** What a staff member does at a school; carried into access tokens as the matching {@link Role}. */
public enum StaffRole {
    TEACHER(Role.TEACHER),
    ADMINISTRATOR(Role.ADMINISTRATOR);

    private final Role role;

    StaffRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
