package nl.klaslijn.portal.schools.web;

import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.schools.School;
import nl.klaslijn.portal.schools.SchoolAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A school as its members see it. Creating a school (with its first administrator) is
 * {@code onboarding.web.NewcomerController}; its groups are {@code people.web.GroupController}.
 */
@RestController
@RequestMapping("/api/schools")
class SchoolController {

    private final SchoolAccess schoolAccess;

    SchoolController(SchoolAccess schoolAccess) {
        this.schoolAccess = schoolAccess;
    }

    @GetMapping("/{schoolId}")
    SchoolView school(Caller caller, @PathVariable UUID schoolId) {
        School school = schoolAccess.view(caller, schoolId);
        return new SchoolView(school.schoolId(), school.name());
    }

    /** Response body of GET /api/schools/{schoolId}. */
    record SchoolView(UUID schoolId, String name) {}
}
