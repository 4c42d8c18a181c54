package nl.klaslijn.portal.medical;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.klaslijn.portal.audit.AuditAction;
import nl.klaslijn.portal.audit.AuditLog;
import nl.klaslijn.portal.crypto.FieldCipher;
import nl.klaslijn.portal.request.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Medical data of pupils. Callers pass {@code MedicalAccess} first. Every value is sealed on its own
 * ({@link MedicalCipher}); a read opens every field, writes the audit entry (who, in which capacity, which pupil,
 * which fields; no values) and only then returns the values, so there is no read without an entry. A value that
 * fails its integrity check (altered, or copied from another pupil or field) fails the whole read with 500
 * {@code medical-data-integrity}; nothing is returned and nothing is audited as read.
 */
@Service
public class MedicalRecords {

    private static final Logger log = LoggerFactory.getLogger(MedicalRecords.class);

    private final MedicalStore store;
    private final MedicalCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    MedicalRecords(MedicalStore store, MedicalCipher cipher, AuditLog audit, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Reads a pupil's record for {@code actorAccountId} acting as {@code actorRole}; audited as MEDICAL_READ. */
    public MedicalRecord read(UUID schoolId, UUID pupilId, UUID actorAccountId, String actorRole) {
        return read(schoolId, pupilId, actorAccountId, actorRole, AuditAction.MEDICAL_READ);
    }

    /** Reads a pupil's record for their guardian's data export; audited as MEDICAL_EXPORTED. */
    public MedicalRecord readForExport(UUID schoolId, UUID pupilId, UUID guardianAccountId) {
        return read(schoolId, pupilId, guardianAccountId, "GUARDIAN", AuditAction.MEDICAL_EXPORTED);
    }

    private MedicalRecord read(UUID schoolId, UUID pupilId, UUID actor, String role, AuditAction action) {
        MedicalStore.Sealed sealed = store.load(schoolId, pupilId)
                .orElse(new MedicalStore.Sealed(Map.of(), null, null));
        Map<MedicalField, String> values = new EnumMap<>(MedicalField.class);
        List<String> broken = new ArrayList<>();
        sealed.values().forEach((field, bytes) -> {
            try {
                values.put(field, cipher.open(schoolId, pupilId, field, bytes));
            } catch (FieldCipher.IntegrityException e) {
                log.warn("Medical value failed its integrity check: school {} pupil {} field {}: {}", schoolId, pupilId,
                        field.apiName(), e.getMessage());
                broken.add(field.apiName());
            }
        });
        if (!broken.isEmpty()) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "medical-data-integrity",
                    "Stored medical data failed its integrity check (" + String.join(", ", broken)
                            + "); nothing was returned. The school's administrator should ask the guardians to enter it again.");
        }
        audit.record(schoolId, action, pupilId, actor, role, names(values.keySet()));
        return new MedicalRecord(schoolId, pupilId, values, sealed.updatedAt(), sealed.updatedBy());
    }

    /**
     * Replaces a pupil's record with {@code values} (fields absent or blank are removed), sealing each value; audited
     * as MEDICAL_UPDATED with the fields that now hold a value.
     */
    public MedicalRecord write(UUID schoolId, UUID pupilId, Map<MedicalField, String> values, UUID actorAccountId) {
        Map<MedicalField, String> kept = new EnumMap<>(MedicalField.class);
        values.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(field, value.strip());
            }
        });
        Map<MedicalField, byte[]> sealed = new EnumMap<>(MedicalField.class);
        kept.forEach((field, value) -> sealed.put(field, cipher.seal(schoolId, pupilId, field, value)));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.save(schoolId, pupilId, sealed, now, actorAccountId);
        audit.record(schoolId, AuditAction.MEDICAL_UPDATED, pupilId, actorAccountId, "GUARDIAN", names(kept.keySet()));
        return new MedicalRecord(schoolId, pupilId, kept, now, actorAccountId);
    }

    /** Deletes a pupil's record (the pupil's data is being deleted). */
    public void erase(UUID schoolId, UUID pupilId) {
        store.delete(schoolId, pupilId);
    }

    private static Set<String> names(Set<MedicalField> fields) {
        return fields.stream().map(MedicalField::apiName).collect(Collectors.toSet());
    }
}
