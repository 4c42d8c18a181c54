package nl.klaslijn.chat.messages;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import nl.klaslijn.common.cassandra.Statements;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.userindex.UserIndex;
import org.jspecify.annotations.Nullable;

/**
 * Cassandra access for messages: claims (idempotent sends), message rows in time buckets, the list of
 * non-empty buckets, and the per-user index cells that follow each message.
 */
final class MessageStore {

    /**
     * The result of claiming a client message id: the server id it is bound to, whether we bound it now, the
     * content hash stored with it (null on claims older than the hash), and whether an attempt finished it.
     */
    record Claim(long messageId, boolean fresh, @Nullable ByteBuffer contentHash, boolean completed) {}

    /** The outcome of {@link #complete}: this attempt finished the send, or the claim's state as it is. */
    record Completion(boolean won, long messageId, boolean completed) {}

    /** How long this node remembers that it wrote a bucket marker (a bucket is a week by default). */
    static final Duration MARKED_BUCKETS_TTL = Duration.ofHours(1);

    /** A bucket whose marker this node wrote; conversation ids are unique across schools. */
    private record MarkedBucket(UUID conversation, long bucket) {}

    private final Cache<MarkedBucket, Boolean> markedBuckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(MARKED_BUCKETS_TTL)
            .build();
    private final CqlSession session;
    private final PreparedStatement claim;
    private final PreparedStatement reclaim;
    private final PreparedStatement complete;
    private final PreparedStatement deleteMessage;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertBucket;
    private final PreparedStatement selectMessage;
    private final UserIndex index;
    private final PreparedStatement selectBucketsUpTo;
    private final PreparedStatement selectBucketsFrom;
    private final PreparedStatement selectBefore;
    private final PreparedStatement selectAfter;

    MessageStore(CqlSession session) {
        this.session = session;
        claim = session.prepare("INSERT INTO message_claims (school_id, conversation_id, sender_id, client_message_id,"
                + " message_id, content_hash) VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        complete = session.prepare("UPDATE message_claims SET completed = true WHERE school_id = ? AND conversation_id = ?"
                + " AND sender_id = ? AND client_message_id = ? IF message_id = ? AND completed = null");
        deleteMessage = Statements.idempotent(session, "DELETE FROM messages WHERE school_id = ? AND conversation_id = ?"
                + " AND bucket = ? AND message_id = ?");
        reclaim = session.prepare("UPDATE message_claims SET message_id = ? WHERE school_id = ? AND conversation_id = ?"
                + " AND sender_id = ? AND client_message_id = ? IF message_id = ? AND completed = null");
        insertMessage = Statements.idempotent(session, "INSERT INTO messages (school_id, conversation_id, bucket, message_id, sender_id,"
                + " client_message_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insertBucket = Statements.idempotent(session, "INSERT INTO conversation_buckets (school_id, conversation_id, bucket)"
                + " VALUES (?, ?, ?)");
        selectMessage = Statements.idempotent(session, "SELECT sender_id, client_message_id, body FROM messages WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket = ? AND message_id = ?");
        index = new UserIndex(session);
        selectBucketsUpTo = Statements.idempotent(session, "SELECT bucket FROM conversation_buckets WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket <= ?");
        selectBucketsFrom = Statements.idempotent(session, "SELECT bucket FROM conversation_buckets WHERE school_id = ?"
                + " AND conversation_id = ? AND bucket >= ?");
        selectBefore = Statements.idempotent(session, "SELECT message_id, sender_id, client_message_id, body FROM messages"
                + " WHERE school_id = ? AND conversation_id = ? AND bucket = ? AND message_id < ? LIMIT ?");
        selectAfter = Statements.idempotent(session, "SELECT message_id, sender_id, client_message_id, body FROM messages"
                + " WHERE school_id = ? AND conversation_id = ? AND bucket = ? AND message_id > ? LIMIT ?");
    }

    /** Binds (sender, client message id) to {@code candidateId} unless already bound (lightweight transaction). */
    CompletionStage<Claim> claim(UUID school, UUID conversation, UUID sender, String clientMessageId, long candidateId,
            ByteBuffer contentHash) {
        return session.executeAsync(claim.bind(school, conversation, sender, clientMessageId, candidateId, contentHash))
                .thenApply(rs -> {
                    if (rs.wasApplied()) {
                        return new Claim(candidateId, true, contentHash, false);
                    }
                    Row row = rs.one();
                    return new Claim(row.getLong("message_id"), false, row.getByteBuffer("content_hash"),
                            row.getBoolean("completed"));
                });
    }

    /**
     * Marks the claim finished for {@code messageId} unless it moved to another id or another attempt finished
     * it first (lightweight transaction): exactly one attempt wins, and only the winner publishes.
     */
    CompletionStage<Completion> complete(UUID school, UUID conversation, UUID sender, String clientMessageId,
            long messageId) {
        return session.executeAsync(complete.bind(school, conversation, sender, clientMessageId, messageId))
                .thenApply(rs -> {
                    return rs.wasApplied() ? new Completion(true, messageId, true) : stateOf(rs.one());
                });
    }

    /** Deletes a message row written under an id the claim no longer holds, so history has the message once. */
    CompletionStage<Void> delete(UUID school, UUID conversation, long bucketMillis, long id) {
        return session.executeAsync(deleteMessage.bind(school, conversation, Buckets.of(id, bucketMillis), id))
                .thenApply(rs -> null);
    }

    /**
     * Moves an unfinished claim from {@code oldId} to {@code newId} (lightweight transaction); {@code won} when
     * it moved, else the claim's state as it is.
     */
    CompletionStage<Completion> reclaim(UUID school, UUID conversation, UUID sender, String clientMessageId, long oldId,
            long newId) {
        return session.executeAsync(reclaim.bind(newId, school, conversation, sender, clientMessageId, oldId))
                .thenApply(rs -> rs.wasApplied() ? new Completion(true, newId, false) : stateOf(rs.one()));
    }

    private static Completion stateOf(@Nullable Row row) {
        boolean exists = row != null && row.getColumnDefinitions().contains("message_id") && !row.isNull("message_id");
        return exists ? new Completion(false, row.getLong("message_id"), row.getBoolean("completed"))
                : new Completion(false, 0L, false);
    }

    CompletionStage<Optional<ChatMessage>> find(UUID school, UUID conversation, long bucketMillis, long id) {
        return session.executeAsync(selectMessage.bind(school, conversation, Buckets.of(id, bucketMillis), id))
                .thenApply(rs -> {
                    Row row = rs.one();
                    return row == null ? Optional.empty() : Optional.of(new ChatMessage(school, conversation, id,
                            row.getUuid("sender_id"), row.getString("client_message_id"), row.getString("body")));
                });
    }

    /**
     * Writes the message row and marks its bucket non-empty. Idempotent. The marker is written only when
     * this node has not written it before (within {@link #MARKED_BUCKETS_TTL}): bucket markers are never
     * deleted, so once written it stays, and a busy conversation costs one write per message, not two.
     */
    CompletionStage<Void> write(ChatMessage m, long bucketMillis) {
        return write(m, bucketMillis, false);
    }

    /** As {@link #write(ChatMessage, long)}; {@code forceMarker} writes the bucket marker even if this node wrote it before. */
    CompletionStage<Void> write(ChatMessage m, long bucketMillis, boolean forceMarker) {
        long bucket = Buckets.of(m.id(), bucketMillis);
        CompletableFuture<AsyncResultSet> row = session.executeAsync(insertMessage.bind(m.schoolId(), m.conversationId(),
                bucket, m.id(), m.senderId(), m.clientMessageId(), m.text())).toCompletableFuture();
        MarkedBucket key = new MarkedBucket(m.conversationId(), bucket);
        if (!forceMarker && markedBuckets.getIfPresent(key) != null) {
            return row.thenApply(done -> null);
        }
        CompletableFuture<AsyncResultSet> marker = session.executeAsync(
                insertBucket.bind(m.schoolId(), m.conversationId(), bucket)).toCompletableFuture();
        return CompletableFuture.allOf(row, marker).thenApply(done -> {
            markedBuckets.put(key, Boolean.TRUE); // only after the marker is stored
            return null;
        });
    }

    /**
     * Members per index-update request. The updates go as unlogged batches (one request for several
     * partitions: far less client CPU per member than one request each); 10 stays under Cassandra's
     * default warning threshold for batches across partitions.
     */
    static final int INDEX_BATCH = 10;

    /** Sets the message as last message in each member's index entry; never moves an entry backwards. */
    CompletionStage<Void> updateIndexes(ChatMessage m, Iterable<UUID> members, String preview) {
        long timestamp = Buckets.writeTimestampMicros(m.id());
        List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
        BatchStatementBuilder batch = null;
        for (UUID member : members) {
            if (batch == null) {
                batch = BatchStatement.builder(BatchType.UNLOGGED).setIdempotence(true);
            }
            batch.addStatement(index.lastMessage(m.schoolId(), member, m.conversationId(), m.id(), m.senderId(), preview,
                    timestamp));
            if (batch.getStatementsCount() == INDEX_BATCH) {
                writes.add(session.executeAsync(batch.build()).toCompletableFuture());
                batch = null;
            }
        }
        if (batch != null) {
            writes.add(session.executeAsync(batch.build()).toCompletableFuture());
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** Up to {@code limit} messages with id below {@code before}, newest first, across buckets. */
    CompletionStage<List<ChatMessage>> before(UUID school, UUID conversation, long bucketMillis, long before, int limit) {
        long lastBucket = Buckets.of(before, bucketMillis);
        return readBuckets(selectBucketsUpTo, school, conversation, lastBucket).thenCompose(buckets -> {
            List<ChatMessage> out = new ArrayList<>(limit);
            return readBefore(school, conversation, buckets, 0, before, limit, out);
        });
    }

    private CompletionStage<List<ChatMessage>> readBefore(UUID school, UUID conversation, List<Long> buckets, int index,
            long before, int limit, List<ChatMessage> out) {
        if (index >= buckets.size() || out.size() >= limit) {
            return CompletableFuture.completedFuture(out);
        }
        return session.executeAsync(selectBefore.bind(school, conversation, buckets.get(index), before, limit - out.size()))
                .thenCompose(rs -> {
                    rs.currentPage().forEach(row -> out.add(toMessage(school, conversation, row)));
                    return readBefore(school, conversation, buckets, index + 1, before, limit, out);
                });
    }

    /**
     * The newest {@code limit} messages with id above {@code after}, newest first. The list holds
     * {@code limit + 1} entries when more exist, so callers can tell.
     */
    CompletionStage<List<ChatMessage>> after(UUID school, UUID conversation, long bucketMillis, long after, int limit) {
        long firstBucket = Buckets.of(after, bucketMillis);
        return readBuckets(selectBucketsFrom, school, conversation, firstBucket).thenCompose(buckets -> {
            List<ChatMessage> out = new ArrayList<>();
            return readAfter(school, conversation, buckets, 0, after, limit + 1, out);
        });
    }

    private CompletionStage<List<ChatMessage>> readAfter(UUID school, UUID conversation, List<Long> buckets, int index,
            long after, int limit, List<ChatMessage> out) {
        if (index >= buckets.size() || out.size() >= limit) {
            return CompletableFuture.completedFuture(out);
        }
        return session.executeAsync(selectAfter.bind(school, conversation, buckets.get(index), after, limit - out.size()))
                .thenCompose(rs -> {
                    rs.currentPage().forEach(row -> out.add(toMessage(school, conversation, row)));
                    return readAfter(school, conversation, buckets, index + 1, after, limit, out);
                });
    }

    /** Bucket numbers newest first (the table's clustering order). Small: one row per non-empty bucket. */
    private CompletionStage<List<Long>> readBuckets(PreparedStatement query, UUID school, UUID conversation, long bound) {
        return session.executeAsync(query.bind(school, conversation, bound)).thenApply(rs -> {
            List<Long> buckets = new ArrayList<>();
            rs.currentPage().forEach(row -> buckets.add(row.getLong("bucket")));
            return buckets;
        });
    }

    private static ChatMessage toMessage(UUID school, UUID conversation, Row row) {
        return new ChatMessage(school, conversation, row.getLong("message_id"), row.getUuid("sender_id"),
                row.getString("client_message_id"), row.getString("body"));
    }
}
