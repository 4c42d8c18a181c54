package nl.klaslijn.portal.onboarding.web;

import jakarta.validation.Valid;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.onboarding.PrintedToken;
import nl.klaslijn.portal.onboarding.web.NewcomerRequests.CreatedSchool;
import nl.klaslijn.portal.onboarding.web.NewcomerRequests.CreatedStaff;
import nl.klaslijn.portal.people.GroupAccess;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.schools.School;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.schools.Schools;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints that create people who then register with a token, answering the token(s) once: a school with its
 * first administrator, a staff member, a group's printable list. Here, above schools and people, because each one
 * combines them with onboarding. Every handler passes its gate first (check), then acts (do).
 */
@RestController
@RequestMapping("/api/schools")
class NewcomerController {

    private final Schools schools;
    private final People people;
    private final Onboarding onboarding;
    private final SchoolAccess schoolAccess;
    private final GroupAccess groupAccess;

    NewcomerController(Schools schools, People people, Onboarding onboarding, SchoolAccess schoolAccess,
            GroupAccess groupAccess) {
        this.schools = schools;
        this.people = people;
        this.onboarding = onboarding;
        this.schoolAccess = schoolAccess;
        this.groupAccess = groupAccess;
    }

    /** Platform operator only (service token): a school and its first administrator's registration token. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedSchool createSchool(Caller caller, @Valid @RequestBody NewcomerRequests.CreateSchool body) {
        schoolAccess.create(caller);
        School school = schools.create(body.name());
        Staff admin = people.createStaff(school.schoolId(), body.administrator().name(), body.administrator().email(),
                EnumSet.of(StaffRole.ADMINISTRATOR));
        return new CreatedSchool(school.schoolId(), school.name(), admin.staffId(), onboarding.issueForStaff(admin));
    }

    /** A staff member and their registration token (shown once). */
    @PostMapping("/{schoolId}/staff")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedStaff createStaff(Caller caller, @PathVariable UUID schoolId,
            @Valid @RequestBody NewcomerRequests.CreateStaff body) {
        schoolAccess.manage(caller, schoolId);
        Staff staff = people.createStaff(schoolId, body.name(), body.email(), body.roles());
        return new CreatedStaff(staff.staffId(), staff.name(), staff.roles(), onboarding.issueForStaff(staff));
    }

    /**
     * The printable list: a fresh registration token for every guardian of every pupil in the group who has not
     * registered yet. Tokens are shown only in this response; printing again replaces them.
     */
    @PostMapping("/{schoolId}/groups/{groupId}/registration-tokens")
    List<PrintedToken> registrationTokens(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID groupId) {
        return onboarding.issueForGroup(groupAccess.manage(caller, schoolId, groupId));
    }
}
