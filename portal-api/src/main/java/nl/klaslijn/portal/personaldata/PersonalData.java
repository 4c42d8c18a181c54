package nl.klaslijn.portal.personaldata;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.accounts.AccountExport;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.audit.AuditLog;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.medical.MedicalRecord;
import nl.klaslijn.portal.medical.MedicalRecords;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.people.Child;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.personaldata.DataExport.ChildPart;
import nl.klaslijn.portal.personaldata.DataExport.GuardianPart;
import nl.klaslijn.portal.personaldata.DataExport.SchoolPart;
import nl.klaslijn.portal.personaldata.DataExport.StaffPart;
import nl.klaslijn.portal.privacy.Profiles;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.School;
import nl.klaslijn.portal.schools.Schools;
import nl.klaslijn.portal.welcome.Welcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The data export of an account and the deletion of a pupil's data. Callers pass the gates first (the export is
 * the caller's own; deleting a pupil is for administrators, {@code PupilAccess.manage}).
 */
@Service
public class PersonalData {

    private final Accounts accounts;
    private final People people;
    private final Schools schools;
    private final Profiles profiles;
    private final MedicalRecords medical;
    private final AuditLog audit;
    private final Onboarding onboarding;
    private final Welcome welcome;
    private final Clock clock;
    private final ObjectProvider<ChatDataSource> chat;

    PersonalData(Accounts accounts, People people, Schools schools, Profiles profiles, MedicalRecords medical,
            AuditLog audit, Onboarding onboarding, Welcome welcome, Clock clock, ObjectProvider<ChatDataSource> chat) {
        this.chat = chat;
        this.accounts = accounts;
        this.people = people;
        this.schools = schools;
        this.profiles = profiles;
        this.medical = medical;
        this.audit = audit;
        this.onboarding = onboarding;
        this.welcome = welcome;
        this.clock = clock;
    }

    /**
     * Everything held on the account and, at every school it belongs to, its guardian and staff records with their
     * profiles, its children with their medical data (decrypted; each read audited as MEDICAL_EXPORTED) and the
     * audit entries about them, and its chat data (asked from the chat server; marked unavailable if it cannot be).
     */
    public DataExport export(UUID accountId) {
        AccountExport account = accounts.export(accountId).orElseThrow(() -> ApiException.notFound("account"));
        List<SchoolPart> parts = new ArrayList<>();
        for (UUID schoolId : people.schoolsOf(accountId)) {
            Optional<School> school = schools.school(schoolId);
            Optional<Membership> membership = people.membership(schoolId, accountId);
            if (school.isEmpty() || membership.isEmpty()) {
                continue;
            }
            parts.add(schoolPart(school.get(), membership.get(), accountId));
        }
        return new DataExport(clock.instant(), account, parts);
    }

    private SchoolPart schoolPart(School school, Membership m, UUID accountId) {
        UUID schoolId = school.schoolId();
        GuardianPart guardian = null;
        List<ChildPart> children = new ArrayList<>();
        if (m.guardianId() != null) {
            Optional<Guardian> record = people.guardian(schoolId, m.guardianId());
            if (record.isPresent()) {
                Guardian g = record.get();
                guardian = new GuardianPart(g.guardianId(), g.name(), g.email(), profiles.guardian(schoolId, g.guardianId()));
                for (Child child : people.childrenOf(schoolId, g.guardianId())) {
                    people.pupil(schoolId, child.pupilId()).ifPresent(p -> children.add(childPart(p, accountId)));
                }
            }
        }
        StaffPart staff = null;
        if (m.staffId() != null) {
            Optional<Staff> record = people.staff(schoolId, m.staffId());
            if (record.isPresent()) {
                Staff s = record.get();
                staff = new StaffPart(s.staffId(), s.name(), s.email(), s.roles(), profiles.staff(schoolId, s.staffId()));
            }
        }
        ChatDataSource chatData = chat.getIfAvailable();
        return new SchoolPart(schoolId, school.name(), guardian, staff, children,
                welcome.acknowledgedAt(schoolId, accountId).orElse(null),
                chatData == null ? ChatExport.notConfigured() : chatData.export(schoolId, accountId));
    }

    private ChildPart childPart(Pupil p, UUID accountId) {
        Map<String, String> values = null;
        MedicalRecord record = null;
        String problem = null;
        try {
            record = medical.readForExport(p.schoolId(), p.pupilId(), accountId);
            Map<String, String> byName = new LinkedHashMap<>();
            record.values().forEach((field, value) -> byName.put(field.apiName(), value));
            values = byName;
        } catch (ApiException e) {
            problem = e.code();
        }
        String groupName = schools.group(p.schoolId(), p.groupId()).map(Group::name).orElse(null);
        return new ChildPart(p.pupilId(), p.firstName(), p.lastName(), p.groupId(), groupName,
                people.pupilNumbersOf(p.schoolId(), p.pupilId()), people.guardiansOf(p.schoolId(), p.pupilId()), values, record == null ? null : record.updatedAt(),
                problem, audit.ofPupil(p.schoolId(), p.pupilId()));
    }

    /**
     * Deletes a pupil's data when they leave the school: registration tokens, medical record, the pupil's audit
     * trail, guardian links, class-list entry, external pupil numbers and record. Used by
     * {@code DELETE /api/schools/{s}/pupils/{p}} and by the year-end move for every leaving pupil. A guardian left without a child at the school loses their
     * guardian record, profile, class-parent places and guardian membership (an account that is staff there stays
     * staff; one that is not also loses its welcome acknowledgement there); a guardian with other children stops being class parent of a group where none of them is left. The
     * school's audit log gets a PUPIL_DELETED entry first (ids only).
     *
     * <p>Not transactional, but ordered so that a retry after a failure finishes the job: the links go after what
     * depends on them, the pupil's record goes last (until then the pupil is still found and can be deleted again).
     */
    public void erasePupil(Pupil pupil, UUID actorAccountId, String actorRole) {
        UUID schoolId = pupil.schoolId();
        audit.recordDeletion(schoolId, pupil.pupilId(), actorAccountId, actorRole);
        Set<UUID> guardians = people.guardiansOf(schoolId, pupil.pupilId());
        onboarding.deleteTokensOfPupil(schoolId, pupil.pupilId(), guardians);
        medical.erase(schoolId, pupil.pupilId());
        audit.erasePupilTrail(schoolId, pupil.pupilId());
        for (UUID guardianId : guardians) {
            List<Child> others = people.childrenOf(schoolId, guardianId).stream()
                    .filter(c -> !c.pupilId().equals(pupil.pupilId())).toList();
            if (others.isEmpty()) {
                profiles.eraseGuardian(schoolId, guardianId);
                schools.groups(schoolId).stream().filter(g -> g.hasClassParent(guardianId))
                        .forEach(g -> schools.removeClassParent(schoolId, g.groupId(), guardianId));
                people.guardian(schoolId, guardianId).ifPresent(this::removeGuardian);
            } else if (others.stream().noneMatch(c -> c.groupId().equals(pupil.groupId()))) {
                schools.removeClassParent(schoolId, pupil.groupId(), guardianId);
            }
            people.unlinkGuardian(pupil, guardianId);
        }
        people.removePupil(pupil);
    }

    /**
     * Removes a guardian left without a child. If the account stops being a member of the school (it is not staff
     * there), its welcome acknowledgement goes first, so a retry after a failure still finds the guardian and does it.
     */
    private void removeGuardian(Guardian guardian) {
        UUID accountId = guardian.accountId();
        if (accountId != null && people.membership(guardian.schoolId(), accountId)
                .filter(m -> guardian.guardianId().equals(m.guardianId()) && m.staffId() == null).isPresent()) {
            welcome.forget(guardian.schoolId(), accountId);
        }
        people.removeGuardian(guardian);
    }
}
