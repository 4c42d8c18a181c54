package nl.klaslijn.portal.people;

import java.util.UUID;

/** A pupil of a school, in exactly one group. */
public record Pupil(UUID schoolId, UUID pupilId, UUID groupId, String firstName, String lastName) {}
