package nl.klaslijn.portal.imports;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Published (Spring application event) once when a year-end move completed: {@code moved} maps each moved pupil to
 * its new group, {@code left} lists the pupils who left the school (whose data portal-api has already deleted, see
 * {@code PersonalData#erasePupil}). For the chat sync (group memberships, the directory), which is to listen for it.
 * At least once: a retry after a failure between publishing and marking the move completed publishes it again.
 */
public record YearEndMoved(UUID schoolId, String moveId, Map<UUID, UUID> moved, Set<UUID> left) {}
