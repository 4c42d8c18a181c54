package nl.klaslijn.portal.people;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, after the write) when a guardian record was deleted (no child left at the school).
 * {@code accountId} is the account it belonged to (null if never registered); that account is no longer a guardian
 * there. Listeners run in the request that made the change.
 */
public record GuardianRemoved(UUID schoolId, UUID guardianId, @Nullable UUID accountId) {}
