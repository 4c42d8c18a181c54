package nl.klaslijn.portal.personaldata.web;

import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.people.PupilAccess;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.personaldata.DataExport;
import nl.klaslijn.portal.personaldata.PersonalData;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The data export (one's own account) and deleting a pupil's data (administrators). */
@RestController
class PersonalDataController {

    private final PersonalData personalData;
    private final PupilAccess pupilAccess;

    PersonalDataController(PersonalData personalData, PupilAccess pupilAccess) {
        this.personalData = personalData;
        this.pupilAccess = pupilAccess;
    }

    /** Everything held on the caller's account and children, at every school. No gate: only one's own data. */
    @GetMapping("/api/me/export")
    DataExport export(Caller caller) {
        return personalData.export(caller.accountId());
    }

    /** Deletes the pupil's data (they left the school). Administrators only; see PersonalData#erasePupil. */
    @DeleteMapping("/api/schools/{schoolId}/pupils/{pupilId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(Caller caller, @PathVariable UUID schoolId, @PathVariable UUID pupilId) {
        Pupil pupil = pupilAccess.manage(caller, schoolId, pupilId);
        personalData.erasePupil(pupil, caller.accountId(), StaffRole.ADMINISTRATOR.name());
    }
}
