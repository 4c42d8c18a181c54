package nl.klaslijn.portal.personaldata;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.accounts.AccountExport;
import nl.klaslijn.portal.audit.AuditEntry;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.privacy.GuardianProfile;
import nl.klaslijn.portal.privacy.StaffProfile;
import org.jspecify.annotations.Nullable;

/** Everything held on one account and its children, per school (GET /api/me/export). */
public record DataExport(Instant exportedAt, AccountExport account, List<SchoolPart> schools) {

    /**
     * The account at one school: its guardian and staff records (each null if it is not one there), children, when
     * it acknowledged the school's welcome (null if not yet), and what the chat holds on it there ({@code chat.status}
     * says whether that part is included or the chat could not be asked).
     */
    public record SchoolPart(UUID schoolId, String schoolName, @Nullable GuardianPart guardian,
            @Nullable StaffPart staff, List<ChildPart> children, @Nullable Instant welcomeAcknowledgedAt,
            ChatExport chat) {}

    /** The guardian record as the school entered it, with the contact profile and privacy choices. */
    public record GuardianPart(UUID guardianId, String name, String email, GuardianProfile profile) {}

    public record StaffPart(UUID staffId, String name, String email, Set<StaffRole> roles, StaffProfile profile) {}

    /**
     * A child: record, group, the school's external pupil numbers (from imports), the ids of all their guardians,
     * medical data in plaintext (field name to value; null with {@code medicalProblem} set when it failed its
     * integrity check) and the audit entries about the child.
     */
    public record ChildPart(UUID pupilId, String firstName, String lastName, UUID groupId, @Nullable String groupName,
            Set<String> pupilNumbers, Set<UUID> guardianIds, @Nullable Map<String, String> medical, @Nullable Instant medicalUpdatedAt,
            @Nullable String medicalProblem, List<AuditEntry> auditLog) {}
}
