package nl.klaslijn.portal.audit;

/** What an audit entry records. */
public enum AuditAction {
    /** Medical data of a pupil was read (the fields that were returned). */
    MEDICAL_READ,
    /** Medical data of a pupil was read for a guardian's data export. */
    MEDICAL_EXPORTED,
    /** Medical data of a pupil was written (the fields that now hold a value). */
    MEDICAL_UPDATED,
    /** An administrator deleted a pupil's data; the entry holds no personal data. */
    PUPIL_DELETED
}
