package nl.klaslijn.portal.welcome;

import java.util.UUID;

/**
 * The hook through which the welcome checklist learns whether a child's medical data is filled in. The medical-data
 * feature provides it as a Spring bean ({@code medical.MedicalCompletion}, which also states the rule); without one
 * the checklist reports the state as unknown ({@code null}) and {@code connected: false}.
 */
public interface MedicalDataCompletion {

    /** True when the medical data of the pupil is filled in (by the implementation's rule). */
    boolean isComplete(UUID schoolId, UUID pupilId);
}
