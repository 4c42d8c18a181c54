package nl.klaslijn.portal.schools;

import java.time.Instant;
import java.util.UUID;

/** A school: the tenant every other record belongs to. */
public record School(UUID schoolId, String name, Instant createdAt) {}
