package nl.klaslijn.portal.people;

import java.util.UUID;

/**
 * Published (synchronously, after the write) when a guardian was linked to a pupil ({@code linked}) or unlinked from
 * it. {@code groupId} is the pupil's group at that moment. Listeners run in the request that made the change.
 */
public record GuardianLinkChanged(UUID schoolId, UUID guardianId, UUID pupilId, UUID groupId, boolean linked) {}
