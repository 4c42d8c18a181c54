package nl.klaslijn.portal.access;

import java.util.UUID;
import nl.klaslijn.portal.http.ApiException;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.StaffRole;
import org.springframework.stereotype.Component;

/**
 * The gate for a pupil's medical data. Policy:
 *
 * <ul>
 *   <li>read it: the pupil's guardians, and staff of the pupil's school (administrators and every teacher, not only
 *       the teachers of the pupil's group: allergies matter on the playground and on trips); everybody else gets
 *       404, as for a pupil that does not exist;
 *   <li>change it: the pupil's guardians; staff get 403.
 * </ul>
 *
 * The answer says in which capacity the caller reads ({@code GUARDIAN} before a staff role), for the audit log.
 */
@Component
public class MedicalAccess {

    /** A caller let through, the pupil, and the capacity: GUARDIAN, ADMINISTRATOR or TEACHER. */
    public record Granted(Pupil pupil, String role) {}

    private final People people;

    MedicalAccess(People people) {
        this.people = people;
    }

    public Granted read(Caller caller, UUID schoolId, UUID pupilId) {
        Pupil pupil = find(caller, schoolId, pupilId);
        if (isGuardian(caller, pupil)) {
            return new Granted(pupil, "GUARDIAN");
        }
        if (caller.isAdministratorOf(schoolId)) {
            return new Granted(pupil, StaffRole.ADMINISTRATOR.name());
        }
        if (caller.isStaffOf(schoolId)) {
            return new Granted(pupil, StaffRole.TEACHER.name());
        }
        throw ApiException.notFound("pupil");
    }

    public Granted change(Caller caller, UUID schoolId, UUID pupilId) {
        Granted granted = read(caller, schoolId, pupilId);
        if (!"GUARDIAN".equals(granted.role())) {
            throw ApiException.forbidden("Only the pupil's guardians may change medical data.");
        }
        return granted;
    }

    private Pupil find(Caller caller, UUID schoolId, UUID pupilId) {
        if (!caller.isIn(schoolId)) {
            throw ApiException.notFound("pupil");
        }
        return people.pupil(schoolId, pupilId).orElseThrow(() -> ApiException.notFound("pupil"));
    }

    private boolean isGuardian(Caller caller, Pupil pupil) {
        return caller.guardianIdIn(pupil.schoolId())
                .filter(g -> people.isGuardianOf(pupil.schoolId(), g, pupil.pupilId())).isPresent();
    }
}
