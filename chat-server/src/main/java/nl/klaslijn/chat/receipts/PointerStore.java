package nl.klaslijn.chat.receipts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.common.cassandra.AsyncRows;
import nl.klaslijn.common.cassandra.Statements;

/**
 * The conversation_pointers table. Each pointer is written with the write timestamp derived from the
 * message id it points at, so a smaller (older) pointer written later loses: pointers only move forward,
 * whatever the order in which nodes write them.
 */
final class PointerStore {

    record Pointers(UUID user, long deliveredUpTo, long readUpTo) {}

    private final CqlSession session;
    private final PreparedStatement read;
    private final PreparedStatement delivered;
    private final PreparedStatement select;

    PointerStore(CqlSession session) {
        this.session = session;
        read = Statements.idempotent(session, "UPDATE conversation_pointers USING TIMESTAMP ? SET read_up_to = ?"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
        delivered = Statements.idempotent(session, "UPDATE conversation_pointers USING TIMESTAMP ? SET delivered_up_to = ?"
                + " WHERE school_id = ? AND conversation_id = ? AND user_id = ?");
        select = Statements.idempotent(session, "SELECT user_id, delivered_up_to, read_up_to FROM conversation_pointers"
                + " WHERE school_id = ? AND conversation_id = ?");
    }

    CompletionStage<Void> advanceRead(UUID school, UUID conversation, UUID user, long upTo) {
        return session.executeAsync(read.bind(Buckets.writeTimestampMicros(upTo), upTo, school, conversation, user))
                .thenApply(rs -> null);
    }

    CompletionStage<Void> advanceDelivered(UUID school, UUID conversation, UUID user, long upTo) {
        return session.executeAsync(delivered.bind(Buckets.writeTimestampMicros(upTo), upTo, school, conversation, user))
                .thenApply(rs -> null);
    }

    CompletionStage<List<Pointers>> all(UUID school, UUID conversation) {
        return AsyncRows.all(session.executeAsync(select.bind(school, conversation)), row -> new Pointers(
                row.getUuid("user_id"),
                row.isNull("delivered_up_to") ? 0L : row.getLong("delivered_up_to"),
                row.isNull("read_up_to") ? 0L : row.getLong("read_up_to")));
    }
}
