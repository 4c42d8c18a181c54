package nl.klaslijn.portal.medical.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.medical.MedicalAccess;
import nl.klaslijn.portal.medical.MedicalField;
import nl.klaslijn.portal.medical.MedicalRecord;
import nl.klaslijn.portal.medical.MedicalRecords;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A pupil's medical data. Every handler passes its gate first (check), then acts (do); every read is audited. */
@RestController
@RequestMapping("/api/schools/{schoolId}/pupils/{pupilId}/medical")
class MedicalController {

    private final MedicalRecords records;
    private final MedicalAccess access;

    MedicalController(MedicalRecords records, MedicalAccess access) {
        this.records = records;
        this.access = access;
    }

    record EmergencyContact(@Nullable @Size(max = 120) String name,
            @Nullable @Pattern(regexp = "\\+?[0-9][0-9 ()-]{5,24}") String phone) {}

    /** The whole record (PUT replaces it); absent or blank fields are removed. */
    record MedicalBody(@Nullable @Size(max = 2000) String allergies, @Nullable @Size(max = 2000) String diets,
            @Nullable @Size(max = 2000) String medication, @Nullable @Valid EmergencyContact emergencyContact) {}

    record MedicalView(UUID pupilId, @Nullable String allergies, @Nullable String diets, @Nullable String medication,
            @Nullable EmergencyContact emergencyContact, @Nullable Instant updatedAt) {}

    @GetMapping
    MedicalView read(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId) {
        MedicalAccess.Granted granted = access.read(caller, schoolId, pupilId);
        return view(records.read(schoolId, granted.pupil().pupilId(), caller.accountId(), granted.role()));
    }

    @PutMapping
    MedicalView write(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId,
            @Valid @RequestBody @NotNull MedicalBody body) {
        MedicalAccess.Granted granted = access.change(caller, schoolId, pupilId);
        Map<MedicalField, String> values = new EnumMap<>(MedicalField.class);
        put(values, MedicalField.ALLERGIES, body.allergies());
        put(values, MedicalField.DIETS, body.diets());
        put(values, MedicalField.MEDICATION, body.medication());
        if (body.emergencyContact() != null) {
            put(values, MedicalField.EMERGENCY_CONTACT_NAME, body.emergencyContact().name());
            put(values, MedicalField.EMERGENCY_CONTACT_PHONE, body.emergencyContact().phone());
        }
        return view(records.write(schoolId, granted.pupil().pupilId(), values, caller.accountId()));
    }

    private static void put(Map<MedicalField, String> values, MedicalField field, @Nullable String value) {
        if (value != null) {
            values.put(field, value);
        }
    }

    static MedicalView view(MedicalRecord r) {
        String name = r.get(MedicalField.EMERGENCY_CONTACT_NAME);
        String phone = r.get(MedicalField.EMERGENCY_CONTACT_PHONE);
        return new MedicalView(r.pupilId(), r.get(MedicalField.ALLERGIES), r.get(MedicalField.DIETS),
                r.get(MedicalField.MEDICATION), name == null && phone == null ? null : new EmergencyContact(name, phone),
                r.updatedAt());
    }
}
