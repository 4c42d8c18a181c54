package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.request.StaffRole;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Tables {@code staff}, {@code pupils}, {@code group_pupils}, {@code guardians}, {@code pupil_guardians},
 * {@code guardian_pupils}, {@code school_accounts}, {@code account_schools} and {@code pupil_numbers}. Rows that serve two queries are written
 * together in one logged batch (both or neither). Every statement is idempotent.
 */
@Component
class PeopleStore {

    private final CqlSession session;
    private final PreparedStatement insertStaff;
    private final PreparedStatement selectStaff;
    private final PreparedStatement setStaffAccount;
    private final PreparedStatement insertPupil;
    private final PreparedStatement insertGroupPupil;
    private final PreparedStatement selectPupil;
    private final PreparedStatement selectGroupPupils;
    private final PreparedStatement insertGuardian;
    private final PreparedStatement selectGuardian;
    private final PreparedStatement setGuardianAccount;
    private final PreparedStatement insertPupilGuardian;
    private final PreparedStatement insertGuardianPupil;
    private final PreparedStatement selectPupilGuardians;
    private final PreparedStatement selectChildren;
    private final PreparedStatement selectMembership;
    private final PreparedStatement setMembershipStaff;
    private final PreparedStatement setMembershipGuardian;
    private final PreparedStatement insertAccountSchool;
    private final PreparedStatement selectAccountSchools;
    private final PreparedStatement selectAllStaff;
    private final PreparedStatement deletePupil;
    private final PreparedStatement deleteGroupPupil;
    private final PreparedStatement deletePupilGuardian;
    private final PreparedStatement deleteGuardianPupil;
    private final PreparedStatement deleteGuardian;
    private final PreparedStatement clearMembershipGuardian;
    private final PreparedStatement deleteMembership;
    private final PreparedStatement deleteAccountSchool;
    private final PreparedStatement selectSchoolAccounts;
    private final PreparedStatement selectSchoolPupils;
    private final PreparedStatement selectSchoolGuardians;
    private final PreparedStatement insertNumber;
    private final PreparedStatement selectNumbers;
    private final PreparedStatement deleteNumber;
    private final PreparedStatement setPupilGroup;
    private final PreparedStatement setChildGroup;

    PeopleStore(CqlSession session) {
        this.session = session;
        insertStaff = Statements.idempotent(session,
                "INSERT INTO staff (school_id, staff_id, name, email, roles) VALUES (?, ?, ?, ?, ?)");
        selectStaff = Statements.idempotent(session,
                "SELECT school_id, staff_id, name, email, roles, account_id FROM staff WHERE school_id = ? AND staff_id = ?");
        setStaffAccount = Statements.idempotent(session,
                "UPDATE staff SET account_id = ? WHERE school_id = ? AND staff_id = ?");
        insertPupil = Statements.idempotent(session,
                "INSERT INTO pupils (school_id, pupil_id, group_id, first_name, last_name) VALUES (?, ?, ?, ?, ?)");
        insertGroupPupil = Statements.idempotent(session,
                "INSERT INTO group_pupils (school_id, group_id, pupil_id, first_name, last_name) VALUES (?, ?, ?, ?, ?)");
        selectPupil = Statements.idempotent(session,
                "SELECT school_id, pupil_id, group_id, first_name, last_name FROM pupils WHERE school_id = ? AND pupil_id = ?");
        selectGroupPupils = Statements.idempotent(session,
                "SELECT school_id, pupil_id, group_id, first_name, last_name FROM group_pupils WHERE school_id = ? AND group_id = ?");
        insertGuardian = Statements.idempotent(session,
                "INSERT INTO guardians (school_id, guardian_id, name, email) VALUES (?, ?, ?, ?)");
        selectGuardian = Statements.idempotent(session,
                "SELECT school_id, guardian_id, name, email, account_id FROM guardians WHERE school_id = ? AND guardian_id = ?");
        setGuardianAccount = Statements.idempotent(session,
                "UPDATE guardians SET account_id = ? WHERE school_id = ? AND guardian_id = ?");
        insertPupilGuardian = Statements.idempotent(session,
                "INSERT INTO pupil_guardians (school_id, pupil_id, guardian_id) VALUES (?, ?, ?)");
        insertGuardianPupil = Statements.idempotent(session,
                "INSERT INTO guardian_pupils (school_id, guardian_id, pupil_id, group_id) VALUES (?, ?, ?, ?)");
        selectPupilGuardians = Statements.idempotent(session,
                "SELECT guardian_id FROM pupil_guardians WHERE school_id = ? AND pupil_id = ?");
        selectChildren = Statements.idempotent(session,
                "SELECT pupil_id, group_id FROM guardian_pupils WHERE school_id = ? AND guardian_id = ?");
        selectMembership = Statements.idempotent(session,
                "SELECT staff_id, staff_roles, guardian_id FROM school_accounts WHERE school_id = ? AND account_id = ?");
        setMembershipStaff = Statements.idempotent(session,
                "UPDATE school_accounts SET staff_id = ?, staff_roles = ? WHERE school_id = ? AND account_id = ?");
        setMembershipGuardian = Statements.idempotent(session,
                "UPDATE school_accounts SET guardian_id = ? WHERE school_id = ? AND account_id = ?");
        insertAccountSchool = Statements.idempotent(session,
                "INSERT INTO account_schools (account_id, school_id) VALUES (?, ?)");
        selectAccountSchools = Statements.idempotent(session,
                "SELECT school_id FROM account_schools WHERE account_id = ?");
        selectAllStaff = Statements.idempotent(session,
                "SELECT school_id, staff_id, name, email, roles, account_id FROM staff WHERE school_id = ?");
        deletePupil = Statements.idempotent(session, "DELETE FROM pupils WHERE school_id = ? AND pupil_id = ?");
        deleteGroupPupil = Statements.idempotent(session,
                "DELETE FROM group_pupils WHERE school_id = ? AND group_id = ? AND pupil_id = ?");
        deletePupilGuardian = Statements.idempotent(session,
                "DELETE FROM pupil_guardians WHERE school_id = ? AND pupil_id = ? AND guardian_id = ?");
        deleteGuardianPupil = Statements.idempotent(session,
                "DELETE FROM guardian_pupils WHERE school_id = ? AND guardian_id = ? AND pupil_id = ?");
        deleteGuardian = Statements.idempotent(session, "DELETE FROM guardians WHERE school_id = ? AND guardian_id = ?");
        clearMembershipGuardian = Statements.idempotent(session,
                "DELETE guardian_id FROM school_accounts WHERE school_id = ? AND account_id = ?");
        deleteMembership = Statements.idempotent(session,
                "DELETE FROM school_accounts WHERE school_id = ? AND account_id = ?");
        deleteAccountSchool = Statements.idempotent(session,
                "DELETE FROM account_schools WHERE account_id = ? AND school_id = ?");
        selectSchoolAccounts = Statements.idempotent(session,
                "SELECT account_id FROM school_accounts WHERE school_id = ?");
        selectSchoolPupils = Statements.idempotent(session,
                "SELECT school_id, pupil_id, group_id, first_name, last_name FROM pupils WHERE school_id = ?");
        selectSchoolGuardians = Statements.idempotent(session,
                "SELECT school_id, guardian_id, name, email, account_id FROM guardians WHERE school_id = ?");
        insertNumber = Statements.idempotent(session,
                "INSERT INTO pupil_numbers (school_id, external_number, pupil_id) VALUES (?, ?, ?)");
        selectNumbers = Statements.idempotent(session,
                "SELECT external_number, pupil_id FROM pupil_numbers WHERE school_id = ?");
        deleteNumber = Statements.idempotent(session,
                "DELETE FROM pupil_numbers WHERE school_id = ? AND external_number = ?");
        setPupilGroup = Statements.idempotent(session,
                "UPDATE pupils SET group_id = ? WHERE school_id = ? AND pupil_id = ?");
        setChildGroup = Statements.idempotent(session,
                "UPDATE guardian_pupils SET group_id = ? WHERE school_id = ? AND guardian_id = ? AND pupil_id = ?");
    }

    void insert(Staff staff) {
        session.execute(insertStaff.bind(staff.schoolId(), staff.staffId(), staff.name(), staff.email(), names(staff.roles())));
    }

    Optional<Staff> staff(UUID schoolId, UUID staffId) {
        Row row = session.execute(selectStaff.bind(schoolId, staffId)).one();
        return row == null ? Optional.empty() : Optional.of(new Staff(row.getUuid(0), row.getUuid(1), row.getString(2),
                row.getString(3), roles(row.getSet(4, String.class)), row.getUuid(5)));
    }

    List<Staff> allStaff(UUID schoolId) {
        return session.execute(selectAllStaff.bind(schoolId)).all().stream().map(row -> new Staff(row.getUuid(0),
                row.getUuid(1), row.getString(2), row.getString(3), roles(row.getSet(4, String.class)), row.getUuid(5)))
                .toList();
    }

    void insert(Pupil p) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        insertPupil.bind(p.schoolId(), p.pupilId(), p.groupId(), p.firstName(), p.lastName()),
                        insertGroupPupil.bind(p.schoolId(), p.groupId(), p.pupilId(), p.firstName(), p.lastName()))
                .setIdempotent(true));
    }

    Optional<Pupil> pupil(UUID schoolId, UUID pupilId) {
        return Optional.ofNullable(session.execute(selectPupil.bind(schoolId, pupilId)).one()).map(PeopleStore::pupil);
    }

    List<Pupil> pupilsOfGroup(UUID schoolId, UUID groupId) {
        return session.execute(selectGroupPupils.bind(schoolId, groupId)).all().stream().map(PeopleStore::pupil).toList();
    }

    void insert(Guardian g) {
        session.execute(insertGuardian.bind(g.schoolId(), g.guardianId(), g.name(), g.email()));
    }

    Optional<Guardian> guardian(UUID schoolId, UUID guardianId) {
        Row row = session.execute(selectGuardian.bind(schoolId, guardianId)).one();
        return row == null ? Optional.empty()
                : Optional.of(new Guardian(row.getUuid(0), row.getUuid(1), row.getString(2), row.getString(3), row.getUuid(4)));
    }

    void link(Pupil pupil, UUID guardianId) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        insertPupilGuardian.bind(pupil.schoolId(), pupil.pupilId(), guardianId),
                        insertGuardianPupil.bind(pupil.schoolId(), guardianId, pupil.pupilId(), pupil.groupId()))
                .setIdempotent(true));
    }

    void unlink(Pupil pupil, UUID guardianId) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        deletePupilGuardian.bind(pupil.schoolId(), pupil.pupilId(), guardianId),
                        deleteGuardianPupil.bind(pupil.schoolId(), guardianId, pupil.pupilId()))
                .setIdempotent(true));
    }

    List<UUID> accountsAt(UUID schoolId) {
        return session.execute(selectSchoolAccounts.bind(schoolId)).all().stream().map(r -> r.getUuid(0)).toList();
    }

    Set<UUID> guardiansOf(UUID schoolId, UUID pupilId) {
        return session.execute(selectPupilGuardians.bind(schoolId, pupilId)).all().stream()
                .map(r -> r.getUuid(0)).collect(Collectors.toUnmodifiableSet());
    }

    List<Child> childrenOf(UUID schoolId, UUID guardianId) {
        return session.execute(selectChildren.bind(schoolId, guardianId)).all().stream()
                .map(r -> new Child(r.getUuid(0), r.getUuid(1))).toList();
    }

    Optional<Membership> membership(UUID schoolId, UUID accountId) {
        Row row = session.execute(selectMembership.bind(schoolId, accountId)).one();
        return row == null ? Optional.empty() : Optional.of(new Membership(schoolId, accountId, row.getUuid(0),
                roles(row.getSet(1, String.class)), row.getUuid(2)));
    }

    /** Records that {@code accountId} is this staff member: staff row, membership and the account's school list. */
    void attachStaff(Staff staff, UUID accountId) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        setStaffAccount.bind(accountId, staff.schoolId(), staff.staffId()),
                        setMembershipStaff.bind(staff.staffId(), names(staff.roles()), staff.schoolId(), accountId),
                        insertAccountSchool.bind(accountId, staff.schoolId()))
                .setIdempotent(true));
    }

    /** Records that {@code accountId} is this guardian: guardian row, membership and the account's school list. */
    void attachGuardian(UUID schoolId, UUID guardianId, UUID accountId) {
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                        setGuardianAccount.bind(accountId, schoolId, guardianId),
                        setMembershipGuardian.bind(guardianId, schoolId, accountId),
                        insertAccountSchool.bind(accountId, schoolId))
                .setIdempotent(true));
    }

    List<UUID> schoolsOf(UUID accountId) {
        return session.execute(selectAccountSchools.bind(accountId)).all().stream().map(r -> r.getUuid(0)).toList();
    }

    /** Deletes the pupil's rows in {@code pupils}, {@code group_pupils} and its {@code pupil_numbers} together. */
    void delete(Pupil p, Set<String> numbers) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(deletePupil.bind(p.schoolId(), p.pupilId()))
                .addStatement(deleteGroupPupil.bind(p.schoolId(), p.groupId(), p.pupilId()));
        numbers.forEach(n -> batch.addStatement(deleteNumber.bind(p.schoolId(), n)));
        session.execute(batch.build());
    }

    /**
     * Deletes a guardian record and, if it belonged to an account, that account's guardian membership at the school:
     * the whole membership (and the school in the account's list) when the account is not staff there too.
     */
    void deleteGuardian(UUID schoolId, UUID guardianId, @Nullable Membership membership) {
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED, deleteGuardian.bind(schoolId, guardianId));
        if (membership != null && membership.staffId() != null) {
            batch = batch.add(clearMembershipGuardian.bind(schoolId, membership.accountId()));
        } else if (membership != null) {
            batch = batch.add(deleteMembership.bind(schoolId, membership.accountId()))
                    .add(deleteAccountSchool.bind(membership.accountId(), schoolId));
        }
        session.execute(batch.setIdempotent(true));
    }

    List<Pupil> pupils(UUID schoolId) {
        return session.execute(selectSchoolPupils.bind(schoolId)).all().stream().map(PeopleStore::pupil).toList();
    }

    List<Guardian> guardians(UUID schoolId) {
        return session.execute(selectSchoolGuardians.bind(schoolId)).all().stream()
                .map(r -> new Guardian(r.getUuid(0), r.getUuid(1), r.getString(2), r.getString(3), r.getUuid(4)))
                .toList();
    }

    /** The pupil's rows and, if given, its external number, in one logged batch (all or none). */
    void insert(Pupil p, @Nullable String externalNumber) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(insertPupil.bind(p.schoolId(), p.pupilId(), p.groupId(), p.firstName(), p.lastName()))
                .addStatement(insertGroupPupil.bind(p.schoolId(), p.groupId(), p.pupilId(), p.firstName(), p.lastName()));
        if (externalNumber != null) {
            batch.addStatement(insertNumber.bind(p.schoolId(), externalNumber, p.pupilId()));
        }
        session.execute(batch.build());
    }

    void insertNumber(UUID schoolId, String externalNumber, UUID pupilId) {
        session.execute(insertNumber.bind(schoolId, externalNumber, pupilId));
    }

    /** External number to pupil id, for the whole school. */
    Map<String, UUID> numbers(UUID schoolId) {
        Map<String, UUID> out = new HashMap<>();
        session.execute(selectNumbers.bind(schoolId)).forEach(r -> out.put(r.getString(0), r.getUuid(1)));
        return out;
    }

    /**
     * Moves the pupil to {@code toGroup}: its row, the class lists (out of the old, into the new) and the group copy in
     * each guardian's list of children, in one logged batch. Setting the same target again is harmless.
     */
    void move(Pupil p, UUID fromGroup, UUID toGroup, Set<UUID> guardianIds) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(setPupilGroup.bind(toGroup, p.schoolId(), p.pupilId()))
                .addStatement(insertGroupPupil.bind(p.schoolId(), toGroup, p.pupilId(), p.firstName(), p.lastName()));
        if (!fromGroup.equals(toGroup)) {
            batch.addStatement(deleteGroupPupil.bind(p.schoolId(), fromGroup, p.pupilId()));
        }
        guardianIds.forEach(g -> batch.addStatement(setChildGroup.bind(toGroup, p.schoolId(), g, p.pupilId())));
        session.execute(batch.build());
    }

    private static Pupil pupil(Row row) {
        return new Pupil(row.getUuid(0), row.getUuid(1), row.getUuid(2), row.getString(3), row.getString(4));
    }

    private static Set<String> names(Set<StaffRole> roles) {
        return roles.stream().map(Enum::name).collect(Collectors.toSet());
    }

    private static Set<StaffRole> roles(Set<String> names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        names.forEach(n -> roles.add(StaffRole.valueOf(n)));
        return roles;
    }
}
