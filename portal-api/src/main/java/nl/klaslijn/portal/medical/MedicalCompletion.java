package nl.klaslijn.portal.medical;

import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.welcome.MedicalDataCompletion;
import org.springframework.stereotype.Component;

/**
 * Connects the welcome checklist to the medical data. A pupil's medical data counts as <b>filled in</b> when a
 * guardian has saved the record at least once and it holds the fields the school cannot do without: an emergency
 * contact with both {@code emergencyContactName} and {@code emergencyContactPhone}. {@code allergies}, {@code diets}
 * and {@code medication} are not required: most children have none, and saving the record without them is how a
 * guardian says so.
 *
 * <p>Decides on which sealed values are present, without opening any: no plaintext leaves the store and nothing is
 * read in the audit log's sense (no values are returned), so no audit entry is written.
 */
@Component
class MedicalCompletion implements MedicalDataCompletion {

    /** The fields that must hold a value for the record to count as filled in. */
    static final Set<MedicalField> REQUIRED = Set.of(MedicalField.EMERGENCY_CONTACT_NAME,
            MedicalField.EMERGENCY_CONTACT_PHONE);

    private final MedicalStore store;

    MedicalCompletion(MedicalStore store) {
        this.store = store;
    }

    @Override
    public boolean isComplete(UUID schoolId, UUID pupilId) {
        return store.load(schoolId, pupilId)
                .map(sealed -> sealed.updatedAt() != null && sealed.values().keySet().containsAll(REQUIRED))
                .orElse(false);
    }
}
