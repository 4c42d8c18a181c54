package nl.klaslijn.portal.people;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, after the write) when a pupil joined a group: created in it ({@code previousGroupId} null)
 * or moved to it from {@code previousGroupId}. Listeners run in the request that made the change.
 */
public record PupilGroupChanged(UUID schoolId, UUID pupilId, @Nullable UUID previousGroupId, UUID groupId) {}
