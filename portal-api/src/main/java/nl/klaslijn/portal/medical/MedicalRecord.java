package nl.klaslijn.portal.medical;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A pupil's medical data in plaintext (only in memory, on its way to an allowed reader). {@code values} holds the
 * fields that have a value; {@code updatedAt}/{@code updatedBy} (an account id) are null before the first write.
 */
public record MedicalRecord(UUID schoolId, UUID pupilId, Map<MedicalField, String> values, @Nullable Instant updatedAt,
        @Nullable UUID updatedBy) {

    public MedicalRecord {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public @Nullable String get(MedicalField field) {
        return values.get(field);
    }
}
