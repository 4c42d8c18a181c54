package nl.klaslijn.portal.people;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, after the write) when a staff member was removed from the school. {@code accountId} is
 * their account (null if never registered): it is no longer staff there, and its sessions at the school must end.
 * Listeners run in the request that made the change.
 */
public record StaffRemoved(UUID schoolId, UUID staffId, @Nullable UUID accountId) {}
