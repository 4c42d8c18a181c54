package nl.klaslijn.portal.people;

import java.util.UUID;

/**
 * Published (synchronously, after the write) when an account became a staff member or a guardian at a school
 * (registration, or linking a further child or staff record). Listeners run in the request that made the change.
 */
public record AccountAttached(UUID schoolId, UUID accountId) {}
