package nl.klaslijn.portal.accounts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/** Table {@code login_failures}: one row per failed login, with a TTL; read per e-mail key (at most 1,000 rows). */
@Component
class LoginFailureStore {

    /** One failed login: from which network (its HMAC), and when. */
    record Failure(ByteBuffer networkKey, Instant at) {}

    static final int READ_LIMIT = 1000;

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement clearNetwork;

    LoginFailureStore(CqlSession session) {
        this.session = session;
        insert = Statements.idempotent(session, "INSERT INTO login_failures (email_key, network_key, failure_id, failed_at)"
                + " VALUES (?, ?, ?, ?) USING TTL ?");
        select = Statements.idempotent(session, "SELECT network_key, failed_at FROM login_failures WHERE email_key = ?"
                + " LIMIT " + READ_LIMIT);
        clearNetwork = Statements.idempotent(session,
                "DELETE FROM login_failures WHERE email_key = ? AND network_key = ?");
    }

    void record(ByteBuffer emailKey, ByteBuffer networkKey, Instant at, Duration ttl) {
        session.execute(insert.bind(emailKey, networkKey, UUID.randomUUID(), at,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, ttl.toSeconds()))));
    }

    List<Failure> failures(ByteBuffer emailKey) {
        return session.execute(select.bind(emailKey)).all().stream()
                .map(r -> new Failure(r.getByteBuffer(0), r.get(1, Instant.class))).toList();
    }

    void clear(ByteBuffer emailKey, ByteBuffer networkKey) {
        session.execute(clearNetwork.bind(emailKey, networkKey));
    }
}
