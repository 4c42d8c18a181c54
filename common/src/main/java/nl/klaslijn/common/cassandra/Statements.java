package nl.klaslijn.common.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

/** Preparing statements with the right retry semantics. */
public final class Statements {

    private Statements() {}

    /**
     * Prepares a statement that may safely run twice (plain reads, upserts and deletes; not counters, list
     * appends or lightweight transactions), so the driver may retry it after a timeout.
     */
    public static PreparedStatement idempotent(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.newInstance(cql).setIdempotent(true));
    }
}
