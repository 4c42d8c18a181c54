package nl.klaslijn.common.auth;

/** Roles carried in access tokens. SERVICE is for service-to-service calls (portal-api to chat-server). */
public enum Role {
    PARENT,
    TEACHER,
    ADMINISTRATOR,
    /** Intern begeleider: the school's care organiser; reads every pupil's medical data (portal-api). */
    CARE_COORDINATOR,
    SERVICE
}
