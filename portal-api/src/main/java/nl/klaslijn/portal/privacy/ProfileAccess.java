package nl.klaslijn.portal.privacy;

import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import org.springframework.stereotype.Component;

/**
 * The gate for one's own contact profile at the session's school: a guardian profile exists for a caller who is a
 * guardian there, a staff profile for a caller who is staff there; otherwise 404. Nobody reads or changes another
 * person's profile here (what others see of it is decided by the privacy choices, in the directory).
 */
@Component
public class ProfileAccess {

    /** The caller's guardian id at the session's school. */
    public UUID ownGuardianProfile(Caller caller) {
        return caller.guardianIdIn(caller.schoolId()).orElseThrow(() -> ApiException.notFound("guardian profile"));
    }

    /** The caller's staff id at the session's school. */
    public UUID ownStaffProfile(Caller caller) {
        if (!caller.isStaffOf(caller.schoolId())) {
            throw ApiException.notFound("staff profile");
        }
        return caller.staffIdIn(caller.schoolId()).orElseThrow(() -> ApiException.notFound("staff profile"));
    }
}
