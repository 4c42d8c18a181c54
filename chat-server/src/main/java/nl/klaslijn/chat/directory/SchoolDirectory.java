package nl.klaslijn.chat.directory;

import com.datastax.oss.driver.api.core.CqlSession;
import nl.klaslijn.common.cassandra.Statements;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Who belongs to a school, as the chat needs it (display name, role). portal-api keeps it in step with
 * its own records; the demo seeder fills it for the local start.
 */
public final class SchoolDirectory {

    /** A person in a school. role is the portal's role name (parent, teacher, administrator). */
    public record Person(UUID schoolId, UUID userId, String displayName, String role) {}

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;

    public SchoolDirectory(CqlSession session) {
        this.session = session;
        select = Statements.idempotent(session, "SELECT display_name, role FROM school_directory WHERE school_id = ? AND user_id = ?");
        upsert = Statements.idempotent(session, "INSERT INTO school_directory (school_id, user_id, display_name, role) VALUES (?, ?, ?, ?)");
    }

    public CompletionStage<Optional<Person>> find(UUID school, UUID user) {
        return session.executeAsync(select.bind(school, user)).thenApply(rs -> {
            Row row = rs.one();
            return row == null
                    ? Optional.empty()
                    : Optional.of(new Person(school, user, row.getString("display_name"), row.getString("role")));
        });
    }

    public CompletionStage<Void> put(Person person) {
        return session.executeAsync(upsert.bind(person.schoolId(), person.userId(), person.displayName(), person.role()))
                .thenApply(rs -> null);
    }
}
