package nl.klaslijn.portal.people;

import nl.klaslijn.portal.request.StaffRole;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/**
 * Changes to staff records that must reach the account's membership in the same logged batch: new roles, and
 * removal from the school ({@code staff}, {@code school_accounts}, {@code account_schools}). {@link PeopleStore} reads
 * and creates them.
 */
@Component
class StaffStore {

    private final CqlSession session;
    private final PreparedStatement setStaffRoles;
    private final PreparedStatement setMembershipRoles;
    private final PreparedStatement deleteStaff;
    private final PreparedStatement clearMembershipStaff;
    private final PreparedStatement deleteMembership;
    private final PreparedStatement deleteAccountSchool;

    StaffStore(CqlSession session) {
        this.session = session;
        setStaffRoles = Statements.idempotent(session, "UPDATE staff SET roles = ? WHERE school_id = ? AND staff_id = ?");
        setMembershipRoles = Statements.idempotent(session,
                "UPDATE school_accounts SET staff_roles = ? WHERE school_id = ? AND account_id = ?");
        deleteStaff = Statements.idempotent(session, "DELETE FROM staff WHERE school_id = ? AND staff_id = ?");
        clearMembershipStaff = Statements.idempotent(session,
                "DELETE staff_id, staff_roles FROM school_accounts WHERE school_id = ? AND account_id = ?");
        deleteMembership = Statements.idempotent(session,
                "DELETE FROM school_accounts WHERE school_id = ? AND account_id = ?");
        deleteAccountSchool = Statements.idempotent(session,
                "DELETE FROM account_schools WHERE account_id = ? AND school_id = ?");
    }

    /** The staff row's roles and, if registered, the membership's, together. */
    void setRoles(Staff staff, Set<StaffRole> roles) {
        Set<String> names = new TreeSet<>();
        roles.forEach(r -> names.add(r.name()));
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(setStaffRoles.bind(names, staff.schoolId(), staff.staffId()));
        if (staff.accountId() != null) {
            batch.addStatement(setMembershipRoles.bind(names, staff.schoolId(), staff.accountId()));
        }
        session.execute(batch.build());
    }

    /**
     * Deletes the staff row and, if registered, the account's staff membership: only the staff part when the account
     * is a guardian at the school too ({@code guardianOfSchool}), else the whole membership and the school in the
     * account's list.
     */
    void delete(Staff staff, boolean guardianOfSchool) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED).setIdempotence(true)
                .addStatement(deleteStaff.bind(staff.schoolId(), staff.staffId()));
        @Nullable UUID account = staff.accountId();
        if (account != null && guardianOfSchool) {
            batch.addStatement(clearMembershipStaff.bind(staff.schoolId(), account));
        } else if (account != null) {
            batch.addStatement(deleteMembership.bind(staff.schoolId(), account))
                    .addStatement(deleteAccountSchool.bind(account, staff.schoolId()));
        }
        session.execute(batch.build());
    }
}
