package nl.klaslijn.portal.people;

import java.util.UUID;

/**
 * Published (synchronously, after the write) when a pupil's record and class-list entry were deleted; {@code groupId}
 * is the group the pupil was in. Listeners run in the request that made the change.
 */
public record PupilRemoved(UUID schoolId, UUID pupilId, UUID groupId) {}
