package nl.klaslijn.portal.modules;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/** Table {@code school_modules}: one row per switched module (no row: on). Idempotent upserts in one partition. */
@Component
class ModuleStore {

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;

    ModuleStore(CqlSession session) {
        this.session = session;
        select = Statements.idempotent(session, "SELECT module, enabled FROM school_modules WHERE school_id = ?");
        upsert = Statements.idempotent(session,
                "INSERT INTO school_modules (school_id, module, enabled) VALUES (?, ?, ?)");
    }

    /** The stored switches; modules without a row (or with an unknown name from a newer build) are left out. */
    Map<Module, Boolean> switches(UUID schoolId) {
        Map<Module, Boolean> out = new EnumMap<>(Module.class);
        for (Row row : session.execute(select.bind(schoolId))) {
            Module.ofKey(row.getString(0)).ifPresent(m -> out.put(m, row.getBoolean(1)));
        }
        return out;
    }

    /** Writes the given switches together (one partition, so all or none). */
    void set(UUID schoolId, Map<Module, Boolean> switches) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED).setIdempotence(true);
        switches.forEach((module, on) -> batch.addStatement(upsert.bind(schoolId, module.key(), on)));
        session.execute(batch.build());
    }
}
