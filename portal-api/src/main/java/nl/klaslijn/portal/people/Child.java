package nl.klaslijn.portal.people;

import java.util.UUID;

/** One pupil of a guardian, with the pupil's current group. */
public record Child(UUID pupilId, UUID groupId) {}
