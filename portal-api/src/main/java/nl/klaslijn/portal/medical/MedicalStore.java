package nl.klaslijn.portal.medical;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Table {@code medical_records}: sealed values only (this class never sees plaintext). */
@Component
class MedicalStore {

    /** Sealed values by field, with who wrote them last and when. */
    record Sealed(Map<MedicalField, byte[]> values, @Nullable Instant updatedAt, @Nullable UUID updatedBy) {}

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    MedicalStore(CqlSession session) {
        this.session = session;
        StringBuilder columns = new StringBuilder();
        for (MedicalField f : MedicalField.values()) {
            columns.append(f.column()).append(", ");
        }
        insert = Statements.idempotent(session, "INSERT INTO medical_records (school_id, pupil_id, " + columns
                + "updated_at, updated_by) VALUES (?, ?, " + "?, ".repeat(MedicalField.values().length) + "?, ?)");
        select = Statements.idempotent(session, "SELECT " + columns
                + "updated_at, updated_by FROM medical_records WHERE school_id = ? AND pupil_id = ?");
        delete = Statements.idempotent(session, "DELETE FROM medical_records WHERE school_id = ? AND pupil_id = ?");
    }

    /** Replaces the whole record; fields without a value are removed. */
    void save(UUID schoolId, UUID pupilId, Map<MedicalField, byte[]> sealed, Instant at, UUID by) {
        Object[] values = new Object[MedicalField.values().length + 4];
        values[0] = schoolId;
        values[1] = pupilId;
        for (MedicalField f : MedicalField.values()) {
            byte[] v = sealed.get(f);
            values[2 + f.ordinal()] = v == null ? null : ByteBuffer.wrap(v);
        }
        values[values.length - 2] = at;
        values[values.length - 1] = by;
        session.execute(insert.bind(values));
    }

    Optional<Sealed> load(UUID schoolId, UUID pupilId) {
        Row row = session.execute(select.bind(schoolId, pupilId)).one();
        if (row == null) {
            return Optional.empty();
        }
        Map<MedicalField, byte[]> values = new EnumMap<>(MedicalField.class);
        for (MedicalField f : MedicalField.values()) {
            ByteBuffer b = row.getByteBuffer(f.ordinal());
            if (b != null) {
                byte[] bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
                values.put(f, bytes);
            }
        }
        int n = MedicalField.values().length;
        return Optional.of(new Sealed(values, row.get(n, Instant.class), row.getUuid(n + 1)));
    }

    void delete(UUID schoolId, UUID pupilId) {
        session.execute(delete.bind(schoolId, pupilId));
    }
}
