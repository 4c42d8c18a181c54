package nl.klaslijn.portal.request;

import nl.klaslijn.common.auth.Role;

/** What a staff member does at a school; carried into access tokens as the matching {@link Role}. */
public enum StaffRole {
    TEACHER(Role.TEACHER),
    ADMINISTRATOR(Role.ADMINISTRATOR),
    /** Intern begeleider (care organiser): pupils' care across groups; reads medical data of every pupil. */
    CARE_COORDINATOR(Role.CARE_COORDINATOR);

    private final Role role;

    StaffRole(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
