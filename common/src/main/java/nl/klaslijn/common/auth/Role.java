package nl.klaslijn.common.auth;

/** Roles carried in access tokens. SERVICE is for service-to-service calls (portal-api to chat-server). */
public enum Role {
    PARENT,
    TEACHER,
    ADMINISTRATOR,
    SERVICE
}
