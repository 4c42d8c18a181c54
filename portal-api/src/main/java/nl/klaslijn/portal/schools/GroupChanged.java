package nl.klaslijn.portal.schools;

import java.util.UUID;

/**
 * Published (synchronously, after the write) when a group was created or its teachers or class parents changed.
 * Listeners run in the request that made the change; a listener that throws fails that request.
 */
public record GroupChanged(UUID schoolId, UUID groupId) {}
