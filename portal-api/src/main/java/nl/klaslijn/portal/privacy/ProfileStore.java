package nl.klaslijn.portal.privacy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/** Tables {@code guardian_profiles} and {@code staff_profiles}. Saving replaces the whole row (idempotent). */
@Component
class ProfileStore {

    private static final String GUARDIAN_COLUMNS = "school_id, guardian_id, phone, email, address, photo_url,"
            + " shared_with_group_parents, visible_to_other_guardians, staff_contact_only, updated_at";
    private static final String STAFF_COLUMNS = "school_id, staff_id, phone, email, photo_url, shared_with_school, updated_at";

    private final CqlSession session;
    private final PreparedStatement insertGuardian;
    private final PreparedStatement selectGuardian;
    private final PreparedStatement selectGuardians;
    private final PreparedStatement deleteGuardian;
    private final PreparedStatement insertStaff;
    private final PreparedStatement selectStaff;
    private final PreparedStatement selectAllStaff;

    ProfileStore(CqlSession session) {
        this.session = session;
        insertGuardian = Statements.idempotent(session, "INSERT INTO guardian_profiles (" + GUARDIAN_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        selectGuardian = Statements.idempotent(session, "SELECT " + GUARDIAN_COLUMNS
                + " FROM guardian_profiles WHERE school_id = ? AND guardian_id = ?");
        selectGuardians = Statements.idempotent(session, "SELECT " + GUARDIAN_COLUMNS
                + " FROM guardian_profiles WHERE school_id = ? AND guardian_id IN ?");
        deleteGuardian = Statements.idempotent(session,
                "DELETE FROM guardian_profiles WHERE school_id = ? AND guardian_id = ?");
        insertStaff = Statements.idempotent(session, "INSERT INTO staff_profiles (" + STAFF_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)");
        selectStaff = Statements.idempotent(session, "SELECT " + STAFF_COLUMNS
                + " FROM staff_profiles WHERE school_id = ? AND staff_id = ?");
        selectAllStaff = Statements.idempotent(session, "SELECT " + STAFF_COLUMNS + " FROM staff_profiles WHERE school_id = ?");
    }

    void save(GuardianProfile p) {
        ContactDetails d = p.details();
        session.execute(insertGuardian.bind(p.schoolId(), p.guardianId(), d.phone(), d.email(), d.address(), d.photoUrl(),
                names(p.sharedWithGroupParents()), p.visibleToOtherGuardians(), p.staffContactOnly(), p.updatedAt()));
    }

    Optional<GuardianProfile> guardian(UUID schoolId, UUID guardianId) {
        return Optional.ofNullable(session.execute(selectGuardian.bind(schoolId, guardianId)).one())
                .map(ProfileStore::guardian);
    }

    /** The saved profiles among {@code guardianIds} (one single-partition read). */
    List<GuardianProfile> guardians(UUID schoolId, Collection<UUID> guardianIds) {
        if (guardianIds.isEmpty()) {
            return List.of();
        }
        return session.execute(selectGuardians.bind(schoolId, List.copyOf(guardianIds))).all().stream()
                .map(ProfileStore::guardian).toList();
    }

    void deleteGuardian(UUID schoolId, UUID guardianId) {
        session.execute(deleteGuardian.bind(schoolId, guardianId));
    }

    void save(StaffProfile p) {
        ContactDetails d = p.details();
        session.execute(insertStaff.bind(p.schoolId(), p.staffId(), d.phone(), d.email(), d.photoUrl(),
                names(p.sharedWithSchool()), p.updatedAt()));
    }

    Optional<StaffProfile> staff(UUID schoolId, UUID staffId) {
        return Optional.ofNullable(session.execute(selectStaff.bind(schoolId, staffId)).one()).map(ProfileStore::staff);
    }

    List<StaffProfile> allStaff(UUID schoolId) {
        return session.execute(selectAllStaff.bind(schoolId)).all().stream().map(ProfileStore::staff).toList();
    }

    private static GuardianProfile guardian(Row r) {
        return new GuardianProfile(r.getUuid(0), r.getUuid(1),
                new ContactDetails(r.getString(2), r.getString(3), r.getString(4), r.getString(5)),
                fields(r.getSet(6, String.class)), r.getBoolean(7), r.getBoolean(8), r.get(9, Instant.class));
    }

    private static StaffProfile staff(Row r) {
        return new StaffProfile(r.getUuid(0), r.getUuid(1),
                new ContactDetails(r.getString(2), r.getString(3), null, r.getString(4)),
                fields(r.getSet(5, String.class)), r.get(6, Instant.class));
    }

    private static Set<String> names(Set<ContactField> fields) {
        return fields.stream().map(Enum::name).collect(Collectors.toSet());
    }

    private static Set<ContactField> fields(Set<String> names) {
        Set<ContactField> fields = EnumSet.noneOf(ContactField.class);
        names.forEach(n -> fields.add(ContactField.valueOf(n)));
        return fields;
    }
}
