package nl.klaslijn.portal.medical;

import nl.klaslijn.portal.people.PupilAccess;
import nl.klaslijn.portal.request.Caller;
import java.util.UUID;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.stereotype.Component;

/**
 * The gate for a pupil's medical data. Policy:
 *
 * <ul>
 *   <li>read it: the pupil's guardians, the school's administrators and care coordinators (intern begeleider), and
 *       the teachers of the pupil's group (staff whose role needs it: data minimisation, GDPR art. 5(1)(c) and 9); everybody else, a teacher of another group
 *       included, gets 404, as for a pupil that does not exist (as {@link PupilAccess} answers them for the pupil);
 *   <li>change it: the pupil's guardians; staff who may read it get 403.
 * </ul>
 *
 * The answer says in which capacity the caller reads ({@code GUARDIAN}, then {@code ADMINISTRATOR},
 * {@code CARE_COORDINATOR}, {@code TEACHER}), for the audit log.
 */
@Component
public class MedicalAccess {

    /** A caller let through, the pupil, and the capacity: GUARDIAN, ADMINISTRATOR, CARE_COORDINATOR or TEACHER. */
    public record Granted(Pupil pupil, String role) {}

    private final People people;
    private final Schools schools;

    MedicalAccess(People people, Schools schools) {
        this.people = people;
        this.schools = schools;
    }

    public Granted read(Caller caller, UUID schoolId, UUID pupilId) {
        Pupil pupil = find(caller, schoolId, pupilId);
        if (isGuardian(caller, pupil)) {
            return new Granted(pupil, "GUARDIAN");
        }
        if (caller.isAdministratorOf(schoolId)) {
            return new Granted(pupil, StaffRole.ADMINISTRATOR.name());
        }
        if (caller.hasStaffRoleIn(schoolId, StaffRole.CARE_COORDINATOR)) {
            return new Granted(pupil, StaffRole.CARE_COORDINATOR.name());
        }
        if (caller.isStaffOf(schoolId) && caller.staffIdIn(schoolId).filter(staff -> teaches(staff, pupil)).isPresent()) {
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

    private boolean teaches(UUID staffId, Pupil pupil) {
        return schools.group(pupil.schoolId(), pupil.groupId()).filter(g -> g.isTaughtBy(staffId)).isPresent();
    }

    private boolean isGuardian(Caller caller, Pupil pupil) {
        return caller.guardianIdIn(pupil.schoolId())
                .filter(g -> people.isGuardianOf(pupil.schoolId(), g, pupil.pupilId())).isPresent();
    }
}
