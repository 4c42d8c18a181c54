package nl.klaslijn.portal.audit.web;

import java.util.UUID;
import nl.klaslijn.portal.audit.AuditAccess;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.audit.AuditLog;
import nl.klaslijn.portal.audit.AuditPage;
import nl.klaslijn.portal.schools.School;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A school's audit log for its administrators, newest first, in pages. */
@RestController
@RequestMapping("/api/schools/{schoolId}/audit-log")
class AuditController {

    private final AuditLog audit;
    private final AuditAccess access;

    AuditController(AuditLog audit, AuditAccess access) {
        this.audit = audit;
        this.access = access;
    }

    /**
     * @param limit entries per page, 1..200 (default 50)
     * @param page the {@code next} cursor of the previous page; absent for the newest entries
     */
    @GetMapping
    AuditPage list(Caller caller, @PathVariable UUID schoolId, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String page) {
        School school = access.read(caller, schoolId);
        return audit.page(schoolId, school.createdAt(), page, limit);
    }
}
