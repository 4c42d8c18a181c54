package nl.klaslijn.portal.imports;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Published (Spring application event) once when a year-end move completed: {@code moved} maps each moved pupil to
 * its new group, {@code left} lists the pupils who left the school. For the chat sync (group memberships) and for
 * removing a leaving pupil's data held by other features (medical data, ...), which listen for it.
 */
public record YearEndMoved(UUID schoolId, String moveId, Map<UUID, UUID> moved, Set<UUID> left) {}
