package nl.klaslijn.portal.schools;

import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import org.springframework.stereotype.Component;

/** The gate for a school. Someone who is nobody at the school gets the same 404 as for a school that does not exist. */
@Component
public class SchoolAccess {

    private final Schools schools;

    SchoolAccess(Schools schools) {
        this.schools = schools;
    }

    /** Any member (staff or parent) may see the school. */
    public School view(Caller caller, UUID schoolId) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("school");
        }
        return schools.school(schoolId).orElseThrow(() -> ApiException.notFound("school"));
    }

    /** Administrators manage the school's structure and people; other members get 403. */
    public School manage(Caller caller, UUID schoolId) {
        School school = view(caller, schoolId);
        if (!caller.isAdministratorOf(schoolId)) {
            throw ApiException.forbidden("Only administrators of the school may do this.");
        }
        return school;
    }

    /** Creating schools is for the platform operator's service token only. */
    public void create(Caller caller) {
        if (!caller.isService()) {
            throw ApiException.forbidden("Only the platform operator may create schools.");
        }
    }
}
