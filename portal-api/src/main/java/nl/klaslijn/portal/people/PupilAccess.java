package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.stereotype.Component;

/**
 * The gate for a pupil's record (name, group, guardians). Policy:
 *
 * <ul>
 *   <li>see it: administrators of the school, the teachers of the pupil's group, and the pupil's guardians;
 *       other parents (class parents included) and other teachers get 404, as for a pupil that does not exist;
 *   <li>manage it (add or link guardians): administrators; others who may see it get 403.
 * </ul>
 */
@Component
public class PupilAccess {

    private final People people;
    private final Schools schools;

    PupilAccess(People people, Schools schools) {
        this.people = people;
        this.schools = schools;
    }

    public Pupil view(Caller caller, UUID schoolId, UUID pupilId) {
        Pupil pupil = find(caller, schoolId, pupilId);
        if (caller.isAdministratorOf(schoolId)) {
            return pupil;
        }
        if (caller.staffIdIn(schoolId).filter(staff -> teaches(staff, pupil)).isPresent()) {
            return pupil;
        }
        if (caller.guardianIdIn(schoolId).filter(g -> people.isGuardianOf(schoolId, g, pupilId)).isPresent()) {
            return pupil;
        }
        throw ApiException.notFound("pupil");
    }

    public Pupil manage(Caller caller, UUID schoolId, UUID pupilId) {
        Pupil pupil = view(caller, schoolId, pupilId);
        if (!caller.isAdministratorOf(schoolId)) {
            throw ApiException.forbidden("Only administrators of the school may change a pupil.");
        }
        return pupil;
    }

    private Pupil find(Caller caller, UUID schoolId, UUID pupilId) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("pupil");
        }
        return people.pupil(schoolId, pupilId).orElseThrow(() -> ApiException.notFound("pupil"));
    }

    private boolean teaches(UUID staffId, Pupil pupil) {
        return schools.group(pupil.schoolId(), pupil.groupId()).filter(g -> g.isTaughtBy(staffId)).isPresent();
    }
}
