package nl.klaslijn.portal.welcome;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.common.cassandra.Statements;
import org.springframework.stereotype.Component;

/** Tables {@code school_welcome_texts} and {@code welcome_acknowledgements}. Every statement is idempotent. */
@Component
class WelcomeStore {

    private final CqlSession session;
    private final PreparedStatement setText;
    private final PreparedStatement selectText;
    private final PreparedStatement acknowledge;
    private final PreparedStatement selectAcknowledgement;
    private final PreparedStatement deleteAcknowledgement;

    WelcomeStore(CqlSession session) {
        this.session = session;
        setText = Statements.idempotent(session,
                "INSERT INTO school_welcome_texts (school_id, welcome_text, updated_at) VALUES (?, ?, ?)");
        selectText = Statements.idempotent(session, "SELECT welcome_text FROM school_welcome_texts WHERE school_id = ?");
        acknowledge = Statements.idempotent(session,
                "INSERT INTO welcome_acknowledgements (school_id, account_id, acknowledged_at) VALUES (?, ?, ?)");
        selectAcknowledgement = Statements.idempotent(session,
                "SELECT acknowledged_at FROM welcome_acknowledgements WHERE school_id = ? AND account_id = ?");
        deleteAcknowledgement = Statements.idempotent(session,
                "DELETE FROM welcome_acknowledgements WHERE school_id = ? AND account_id = ?");
    }

    void setText(UUID schoolId, String text, Instant now) {
        session.execute(setText.bind(schoolId, text, now));
    }

    Optional<String> text(UUID schoolId) {
        return Optional.ofNullable(session.execute(selectText.bind(schoolId)).one()).map(r -> r.getString(0));
    }

    void acknowledge(UUID schoolId, UUID accountId, Instant now) {
        session.execute(acknowledge.bind(schoolId, accountId, now));
    }

    void deleteAcknowledgement(UUID schoolId, UUID accountId) {
        session.execute(deleteAcknowledgement.bind(schoolId, accountId));
    }

    Optional<Instant> acknowledgedAt(UUID schoolId, UUID accountId) {
        Row row = session.execute(selectAcknowledgement.bind(schoolId, accountId)).one();
        return row == null ? Optional.empty() : Optional.ofNullable(row.get(0, Instant.class));
    }
}
