package nl.klaslijn.portal.people.web;

import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.people.PupilAccess;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.people.web.PeopleViews.GuardianView;
import nl.klaslijn.portal.people.web.PeopleViews.PupilView;
import nl.klaslijn.portal.people.web.PeopleViews.StaffView;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff, pupils and guardians of a school. Every handler passes its gate first (check), then acts (do). */
@RestController
@RequestMapping("/api/schools/{schoolId}")
class PeopleController {

    private final People people;
    private final Schools schools;
    private final SchoolAccess schoolAccess;
    private final PupilAccess pupilAccess;

    PeopleController(People people, Schools schools, SchoolAccess schoolAccess,
            PupilAccess pupilAccess) {
        this.people = people;
        this.schools = schools;
        this.schoolAccess = schoolAccess;
        this.pupilAccess = pupilAccess;
    }

    /**
     * Takes the staff member's roles to exactly these; one who lost a role has their sessions at the school ended
     * (portal and chat). An administrator cannot take their own administrator role (409 {@code own-admin-role}).
     */
    @PutMapping("/staff/{staffId}/roles")
    StaffView setStaffRoles(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID staffId,
            @Valid @RequestBody PeopleRequests.SetStaffRoles body) {
        schoolAccess.manage(caller, schoolId);
        Staff staff = people.staff(schoolId, staffId).orElseThrow(() -> ApiException.notFound("staff member"));
        if (caller.accountId().equals(staff.accountId()) && !body.roles().contains(StaffRole.ADMINISTRATOR)) {
            throw ApiException.conflict("own-admin-role", "You cannot take your own administrator role.");
        }
        Staff changed = people.setStaffRoles(staff, body.roles());
        return new StaffView(changed.staffId(), changed.name(), changed.roles());
    }

    /** Removes the staff member from the school; their sessions there end (portal and chat). Not oneself (409). */
    @DeleteMapping("/staff/{staffId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeStaff(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID staffId) {
        schoolAccess.manage(caller, schoolId);
        Staff staff = people.staff(schoolId, staffId).orElseThrow(() -> ApiException.notFound("staff member"));
        if (caller.accountId().equals(staff.accountId())) {
            throw ApiException.conflict("own-staff-record", "You cannot remove yourself from the school.");
        }
        people.removeStaff(staff);
    }

    @PostMapping("/pupils")
    @ResponseStatus(HttpStatus.CREATED)
    PupilView createPupil(Caller caller, @PathVariable UUID schoolId, @Valid @RequestBody PeopleRequests.CreatePupil body) {
        schoolAccess.manage(caller, schoolId);
        schools.group(schoolId, body.groupId())
                .orElseThrow(() -> ApiException.badRequest("unknown-group", "No group with this id at the school."));
        return view(people.createPupil(schoolId, body.groupId(), body.firstName(), body.lastName()));
    }

    @GetMapping("/pupils/{pupilId}")
    PupilView pupil(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId) {
        return view(pupilAccess.view(caller, schoolId, pupilId));
    }

    @PostMapping("/pupils/{pupilId}/guardians")
    @ResponseStatus(HttpStatus.CREATED)
    GuardianView addGuardian(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId,
            @Valid @RequestBody PeopleRequests.CreateGuardian body) {
        Pupil pupil = pupilAccess.manage(caller, schoolId, pupilId);
        Guardian guardian = people.createGuardian(pupil, body.name(), body.email());
        return new GuardianView(guardian.guardianId(), guardian.name(), false);
    }

    /** Links an existing guardian of the school to this pupil too (siblings); idempotent. */
    @PutMapping("/pupils/{pupilId}/guardians/{guardianId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void linkGuardian(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId, @PathVariable UUID guardianId) {
        Pupil pupil = pupilAccess.manage(caller, schoolId, pupilId);
        people.guardian(schoolId, guardianId)
                .orElseThrow(() -> ApiException.badRequest("unknown-guardian", "No guardian with this id at the school."));
        people.linkGuardian(pupil, guardianId);
    }

    /** Moves the pupil to another group of the school (a single move; the year-end move builds on it). */
    @PutMapping("/pupils/{pupilId}/group")
    PupilView movePupil(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId,
            @Valid @RequestBody PeopleRequests.MovePupil body) {
        Pupil pupil = pupilAccess.manage(caller, schoolId, pupilId);
        schools.group(schoolId, body.groupId())
                .orElseThrow(() -> ApiException.badRequest("unknown-group", "No group with this id at the school."));
        return view(people.movePupil(pupil, body.groupId()));
    }

    /** Ends a guardian's link to this pupil (their other children stay linked); idempotent. */
    @DeleteMapping("/pupils/{pupilId}/guardians/{guardianId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlinkGuardian(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId,
            @PathVariable UUID guardianId) {
        Pupil pupil = pupilAccess.manage(caller, schoolId, pupilId);
        if (!people.isGuardianOf(schoolId, guardianId, pupilId)) {
            throw ApiException.badRequest("unknown-guardian", "No guardian with this id is linked to the pupil.");
        }
        people.unlinkGuardian(pupil, guardianId);
    }

    private PupilView view(Pupil pupil) {
        List<GuardianView> guardians = people.guardiansOf(pupil.schoolId(), pupil.pupilId()).stream()
                .flatMap(id -> people.guardian(pupil.schoolId(), id).stream())
                .map(g -> new GuardianView(g.guardianId(), g.name(), g.accountId() != null))
                .toList();
        return new PupilView(pupil.pupilId(), pupil.firstName(), pupil.lastName(), pupil.groupId(), guardians);
    }
}
