package nl.klaslijn.portal.imports;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Table {@code year_end_moves}. A move's plan is stored once ({@code IF NOT EXISTS}), so of two concurrent requests
 * with the same move id exactly one plan wins; completing it is an idempotent update.
 */
@Component
class YearEndMoveStore {

    /** A stored move: the plan as validated when it was first requested. */
    record StoredMove(UUID schoolId, String moveId, ByteBuffer requestHash, Map<UUID, UUID> moves, Set<UUID> leaving,
            Map<UUID, UUID> fromGroups, Instant createdAt, @Nullable Instant completedAt) {}

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement complete;

    YearEndMoveStore(CqlSession session) {
        this.session = session;
        insert = session.prepare(SimpleStatement.newInstance("INSERT INTO year_end_moves (school_id, move_id,"
                        + " request_hash, moves, leaving, from_groups, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS")
                .setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
        select = Statements.idempotent(session, "SELECT request_hash, moves, leaving, from_groups, created_at,"
                + " completed_at FROM year_end_moves WHERE school_id = ? AND move_id = ?");
        complete = Statements.idempotent(session,
                "UPDATE year_end_moves SET completed_at = ? WHERE school_id = ? AND move_id = ?");
    }

    /** True if this call stored the plan; false if a move with this id exists already. */
    boolean insert(StoredMove move) {
        return session.execute(insert.bind(move.schoolId(), move.moveId(), move.requestHash(), move.moves(),
                move.leaving(), move.fromGroups(), move.createdAt())).wasApplied();
    }

    /** Read with SERIAL consistency, so a plan stored by a concurrent request is seen. */
    Optional<StoredMove> find(UUID schoolId, String moveId) {
        Row row = session.execute(select.bind(schoolId, moveId).setConsistencyLevel(ConsistencyLevel.SERIAL)).one();
        return row == null ? Optional.empty() : Optional.of(new StoredMove(schoolId, moveId, row.getByteBuffer(0),
                row.getMap(1, UUID.class, UUID.class), row.getSet(2, UUID.class), row.getMap(3, UUID.class, UUID.class),
                row.get(4, Instant.class), row.get(5, Instant.class)));
    }

    void complete(UUID schoolId, String moveId, Instant at) {
        session.execute(complete.bind(at, schoolId, moveId));
    }
}
