package nl.klaslijn.portal.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One audit entry. {@code actorRole} says in which capacity the actor acted ({@code GUARDIAN}, {@code TEACHER},
 * {@code ADMINISTRATOR}, {@code CARE_COORDINATOR}); {@code fields} are field names, never values.
 */
public record AuditEntry(UUID schoolId, UUID entryId, Instant at, AuditAction action, UUID pupilId, UUID actorAccountId,
        String actorRole, Set<String> fields) {

    public AuditEntry {
        fields = Set.copyOf(fields);
    }
}
