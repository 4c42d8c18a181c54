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

    /**
     * A person in a school. role is the portal's role name (parent, teacher, administrator).
     * staffOnly: the person may be contacted by staff only (no 1:1 chats with other parents).
     */
    public record Person(UUID schoolId, UUID userId, String displayName, String role, boolean staffOnly) {

        public Person(UUID schoolId, UUID userId, String displayName, String role) {
            this(schoolId, userId, displayName, role, false);
        }

        public boolean isParent() {
            return "parent".equals(role);
        }
    }

    private final CqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;

    public SchoolDirectory(CqlSession session) {
        this.session = session;
        select = Statements.idempotent(session, "SELECT display_name, role, contact FROM school_directory WHERE school_id = ? AND user_id = ?");
        delete = Statements.idempotent(session, "DELETE FROM school_directory WHERE school_id = ? AND user_id = ?");
        upsert = Statements.idempotent(session, "INSERT INTO school_directory (school_id, user_id, display_name, role, contact) VALUES (?, ?, ?, ?, ?)");
    }

    public CompletionStage<Optional<Person>> find(UUID school, UUID user) {
        return session.executeAsync(select.bind(school, user)).thenApply(rs -> {
            Row row = rs.one();
            return row == null
                    ? Optional.empty()
                    : Optional.of(new Person(school, user, row.getString("display_name"), row.getString("role"),
                            "staff-only".equals(row.getString("contact"))));
        });
    }

    public CompletionStage<Void> put(Person person) {
        return session.executeAsync(upsert.bind(person.schoolId(), person.userId(), person.displayName(), person.role(),
                person.staffOnly() ? "staff-only" : "anyone"))
                .thenApply(rs -> null);
    }

    /** Removes the person (they left the school): nobody can start a new 1:1 chat with them there. Idempotent. */
    public CompletionStage<Void> remove(UUID school, UUID user) {
        return session.executeAsync(delete.bind(school, user)).thenApply(rs -> null);
    }
}
