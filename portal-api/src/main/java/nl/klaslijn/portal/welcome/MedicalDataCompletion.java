package nl.klaslijn.portal.welcome;

import java.util.UUID;

/**
 * The hook through which the welcome checklist learns whether a child's medical data is filled in. The medical-data
 * feature provides it as a Spring bean; until one exists, the checklist reports the state as unknown ({@code null})
 * and {@code connected: false}.
 */
public interface MedicalDataCompletion {

    /** True when the medical data of the pupil (allergies, diets, medication, emergency contact) is filled in. */
    boolean isComplete(UUID schoolId, UUID pupilId);
}
