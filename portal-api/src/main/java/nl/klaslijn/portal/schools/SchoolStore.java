package nl.klaslijn.portal.schools;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/** Tables {@code schools} and {@code groups}. Every statement is idempotent (set additions included). */
@Component
class SchoolStore {

    private final CqlSession session;
    private final PreparedStatement insertSchool;
    private final PreparedStatement selectSchool;
    private final PreparedStatement insertGroup;
    private final PreparedStatement insertGroupName;
    private final PreparedStatement selectGroup;
    private final PreparedStatement selectGroups;
    private final PreparedStatement addTeacher;
    private final PreparedStatement addClassParent;
    private final PreparedStatement removeTeacher;
    private final PreparedStatement removeClassParent;
    private final PreparedStatement selectSchoolIds;

    SchoolStore(CqlSession session) {
        this.session = session;
        insertSchool = Statements.idempotent(session, "INSERT INTO schools (school_id, name, created_at) VALUES (?, ?, ?)");
        selectSchool = Statements.idempotent(session, "SELECT school_id, name, created_at FROM schools WHERE school_id = ?");
        insertGroup = Statements.idempotent(session,
                "INSERT INTO groups (school_id, group_id, name, teachers, class_parents) VALUES (?, ?, ?, {}, {})");
        insertGroupName = Statements.idempotent(session,
                "INSERT INTO groups (school_id, group_id, name) VALUES (?, ?, ?)");
        String groupColumns = "SELECT school_id, group_id, name, teachers, class_parents FROM groups WHERE school_id = ?";
        selectGroup = Statements.idempotent(session, groupColumns + " AND group_id = ?");
        selectGroups = Statements.idempotent(session, groupColumns);
        addTeacher = Statements.idempotent(session,
                "UPDATE groups SET teachers = teachers + ? WHERE school_id = ? AND group_id = ?");
        addClassParent = Statements.idempotent(session,
                "UPDATE groups SET class_parents = class_parents + ? WHERE school_id = ? AND group_id = ?");
        removeTeacher = Statements.idempotent(session,
                "UPDATE groups SET teachers = teachers - ? WHERE school_id = ? AND group_id = ?");
        removeClassParent = Statements.idempotent(session,
                "UPDATE groups SET class_parents = class_parents - ? WHERE school_id = ? AND group_id = ?");
        selectSchoolIds = Statements.idempotent(session, "SELECT school_id FROM schools");
    }

    void insert(School school) {
        session.execute(insertSchool.bind(school.schoolId(), school.name(), school.createdAt()));
    }

    Optional<School> school(UUID schoolId) {
        Row row = session.execute(selectSchool.bind(schoolId)).one();
        return row == null ? Optional.empty()
                : Optional.of(new School(row.getUuid(0), row.getString(1), row.get(2, Instant.class)));
    }

    void insert(Group group) {
        session.execute(insertGroup.bind(group.schoolId(), group.groupId(), group.name()));
    }

    /** Writes only the name, so writing an existing group again leaves its teachers and class parents alone. */
    void insertName(Group group) {
        session.execute(insertGroupName.bind(group.schoolId(), group.groupId(), group.name()));
    }

    Optional<Group> group(UUID schoolId, UUID groupId) {
        return Optional.ofNullable(session.execute(selectGroup.bind(schoolId, groupId)).one()).map(SchoolStore::group);
    }

    List<Group> groups(UUID schoolId) {
        return session.execute(selectGroups.bind(schoolId)).all().stream().map(SchoolStore::group).toList();
    }

    void addTeacher(UUID schoolId, UUID groupId, UUID staffId) {
        session.execute(addTeacher.bind(Set.of(staffId), schoolId, groupId));
    }

    void addClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        session.execute(addClassParent.bind(Set.of(guardianId), schoolId, groupId));
    }

    void removeTeacher(UUID schoolId, UUID groupId, UUID staffId) {
        session.execute(removeTeacher.bind(Set.of(staffId), schoolId, groupId));
    }

    void removeClassParent(UUID schoolId, UUID groupId, UUID guardianId) {
        session.execute(removeClassParent.bind(Set.of(guardianId), schoolId, groupId));
    }

    /** Every school id (a full table scan, paged by the driver). */
    List<UUID> schoolIds() {
        return session.execute(selectSchoolIds.bind()).all().stream().map(r -> r.getUuid(0)).toList();
    }

    private static Group group(Row row) {
        return new Group(row.getUuid(0), row.getUuid(1), row.getString(2), row.getSet(3, UUID.class),
                row.getSet(4, UUID.class));
    }
}
