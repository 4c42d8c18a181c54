package nl.klaslijn.chat.it;

import com.datastax.oss.driver.api.core.CqlSession;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;

/**
 * The suite's Cassandra: one real node per test JVM ({@link TestCassandra}), migrated once with the
 * chat schema, and one session shared by all tests (tests isolate by using schools of their own).
 */
final class TestDatabase {

    private static CqlSession session;

    private TestDatabase() {}

    static synchronized CqlSession session() {
        if (session == null) {
            CassandraNode node = TestCassandra.shared();
            CassandraSettings settings = CassandraSettings.of(node.contactPoint(), node.localDatacenter(), "klaslijn_it");
            SchemaMigrator.run(settings, "chat");
            session = CassandraSessions.open(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(session::close, "close-test-session"));
        }
        return session;
    }
}
