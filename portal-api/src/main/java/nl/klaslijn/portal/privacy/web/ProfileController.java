package nl.klaslijn.portal.privacy.web;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.privacy.ProfileAccess;
import nl.klaslijn.portal.privacy.ContactField;
import nl.klaslijn.portal.privacy.GuardianProfile;
import nl.klaslijn.portal.privacy.Profiles;
import nl.klaslijn.portal.privacy.StaffProfile;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own contact profiles at the session's school: as a guardian (details and privacy choices) and as a
 * staff member (details and what the school may see). Every handler passes its gate first.
 */
@RestController
@RequestMapping("/api/me/profile")
class ProfileController {

    private final Profiles profiles;
    private final ProfileAccess access;

    ProfileController(Profiles profiles, ProfileAccess access) {
        this.profiles = profiles;
        this.access = access;
    }

    record GuardianProfileView(UUID guardianId, @Nullable String phone, @Nullable String email, @Nullable String address,
            @Nullable String photoUrl, Set<ContactField> sharedWithGroupParents, boolean visibleToOtherGuardians,
            boolean staffContactOnly, @Nullable Instant updatedAt) {

        static GuardianProfileView of(GuardianProfile p) {
            return new GuardianProfileView(p.guardianId(), p.details().phone(), p.details().email(), p.details().address(),
                    p.details().photoUrl(), p.sharedWithGroupParents(), p.visibleToOtherGuardians(), p.staffContactOnly(),
                    p.updatedAt());
        }
    }

    record StaffProfileView(UUID staffId, @Nullable String phone, @Nullable String email, @Nullable String photoUrl,
            Set<ContactField> sharedWithSchool, @Nullable Instant updatedAt) {

        static StaffProfileView of(StaffProfile p) {
            return new StaffProfileView(p.staffId(), p.details().phone(), p.details().email(), p.details().photoUrl(),
                    p.sharedWithSchool(), p.updatedAt());
        }
    }

    /** Both profiles; each is absent when the caller is not a guardian, or not staff, at the session's school. */
    record MyProfiles(@Nullable GuardianProfileView guardian, @Nullable StaffProfileView staff) {}

    @GetMapping
    MyProfiles mine(Caller caller) {
        UUID school = caller.schoolId();
        GuardianProfileView guardian = caller.guardianIdIn(school)
                .map(id -> GuardianProfileView.of(profiles.guardian(school, id))).orElse(null);
        StaffProfileView staff = caller.isStaffOf(school)
                ? caller.staffIdIn(school).map(id -> StaffProfileView.of(profiles.staff(school, id))).orElse(null)
                : null;
        return new MyProfiles(guardian, staff);
    }

    @PutMapping("/guardian")
    GuardianProfileView saveGuardian(Caller caller, @Valid @RequestBody ProfileRequests.GuardianProfileBody body) {
        UUID guardianId = access.ownGuardianProfile(caller);
        return GuardianProfileView.of(profiles.saveGuardian(caller.schoolId(), guardianId, body.details(),
                body.sharedWithGroupParents(), body.visibleToOtherGuardians(), body.staffContactOnly()));
    }

    @PutMapping("/staff")
    StaffProfileView saveStaff(Caller caller, @Valid @RequestBody ProfileRequests.StaffProfileBody body) {
        UUID staffId = access.ownStaffProfile(caller);
        return StaffProfileView.of(profiles.saveStaff(caller.schoolId(), staffId, body.details(), body.sharedWithSchool()));
    }
}
