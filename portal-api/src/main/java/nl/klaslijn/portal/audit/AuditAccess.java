package nl.klaslijn.portal.audit;

import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.schools.SchoolAccess;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.schools.School;
import org.springframework.stereotype.Component;

/**
 * The gate for a school's audit log: administrators of the school read it; other members get 403; who is nobody at
 * the school gets 404, as for a school that does not exist.
 */
@Component
public class AuditAccess {

    private final SchoolAccess schools;

    AuditAccess(SchoolAccess schools) {
        this.schools = schools;
    }

    public School read(Caller caller, UUID schoolId) {
        School school = schools.view(caller, schoolId);
        if (!caller.isAdministratorOf(schoolId)) {
            throw ApiException.forbidden("Only administrators of the school may read its audit log.");
        }
        return school;
    }
}
