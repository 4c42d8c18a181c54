package nl.klaslijn.portal.medical;

/**
 * The fields of a medical record: {@code apiName} as in the API and the audit log, {@code column} as stored (and bound
 * into each sealed value's associated data, so it must never change for a field).
 */
public enum MedicalField {
    ALLERGIES("allergies", "allergies"),
    DIETS("diets", "diets"),
    MEDICATION("medication", "medication"),
    EMERGENCY_CONTACT_NAME("emergencyContactName", "emergency_contact_name"),
    EMERGENCY_CONTACT_PHONE("emergencyContactPhone", "emergency_contact_phone");

    private final String apiName;
    private final String column;

    MedicalField(String apiName, String column) {
        this.apiName = apiName;
        this.column = column;
    }

    public String apiName() {
        return apiName;
    }

    public String column() {
        return column;
    }
}
