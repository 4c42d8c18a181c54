package nl.klaslijn.chat.portalevents;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.common.cassandra.Statements;
import nl.klaslijn.common.ids.SnowflakeIds;

/**
 * The feature's tables (V007): {@code portal_event_claims}, {@code portal_event_log}, {@code portal_event_modules},
 * {@code pupil_guardians}. Used only by this package.
 */
final class PortalEventStore {

    /** What a claim holds: the event's Snowflake id and whether an attempt finished storing it. */
    record Claim(long snowflake, boolean done, boolean mine) {}

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final CqlSession session;
    private final int ttlSeconds;
    private final PreparedStatement claim;
    private final PreparedStatement finish;
    private final PreparedStatement log;
    private final PreparedStatement moduleMarker;
    private final PreparedStatement guardians;
    private final PreparedStatement eventsOfDay;
    private final PreparedStatement modules;
    private final PreparedStatement putGuardians;
    private final PreparedStatement removePupil;

    PortalEventStore(CqlSession session, Duration window) {
        this.session = session;
        this.ttlSeconds = Math.toIntExact(window.toSeconds());
        claim = session.prepare("INSERT INTO portal_event_claims (school_id, event_id, snowflake) VALUES (?, ?, ?)"
                + " IF NOT EXISTS USING TTL ?");
        finish = session.prepare("UPDATE portal_event_claims USING TTL ? SET done = true, snowflake = ?"
                + " WHERE school_id = ? AND event_id = ? IF snowflake = ? AND done = null");
        log = Statements.idempotent(session, "INSERT INTO portal_event_log (school_id, day, snowflake, event)"
                + " VALUES (?, ?, ?, ?) USING TTL ?");
        moduleMarker = Statements.idempotent(session, "INSERT INTO portal_event_modules (school_id, module, last_event)"
                + " VALUES (?, ?, ?) USING TIMESTAMP ?");
        eventsOfDay = Statements.idempotent(session, "SELECT event FROM portal_event_log WHERE school_id = ? AND day = ?"
                + " AND snowflake > ? AND snowflake <= ? LIMIT ?");
        modules = Statements.idempotent(session,
                "SELECT module, last_event FROM portal_event_modules WHERE school_id = ?");
        guardians = Statements.idempotent(session,
                "SELECT guardians FROM pupil_guardians WHERE school_id = ? AND pupil_id = ?");
        putGuardians = Statements.idempotent(session,
                "INSERT INTO pupil_guardians (school_id, pupil_id, guardians) VALUES (?, ?, ?)");
        removePupil = Statements.idempotent(session, "DELETE FROM pupil_guardians WHERE school_id = ? AND pupil_id = ?");
    }

    /** Claims the event id with {@code snowflake}; an existing claim is returned as it is ({@code mine} false). */
    CompletionStage<Claim> claim(UUID school, UUID eventId, long snowflake) {
        return session.executeAsync(claim.bind(school, eventId, snowflake, ttlSeconds)).thenApply(rs -> {
            if (rs.wasApplied()) {
                return new Claim(snowflake, false, true);
            }
            Row row = rs.one();
            return new Claim(row.getLong("snowflake"), row.getBoolean("done"), false);
        });
    }

    /** Stores the event under its Snowflake id and moves its module's marker; idempotent. */
    CompletionStage<Void> store(UUID school, long snowflake, String module, String json) {
        long day = SnowflakeIds.timeOf(snowflake).toEpochMilli() / DAY_MILLIS;
        return session.executeAsync(log.bind(school, day, snowflake, json, ttlSeconds))
                .thenCompose(rs -> session.executeAsync(moduleMarker.bind(school, module, snowflake,
                        Buckets.writeTimestampMicros(snowflake))))
                .thenApply(rs -> null);
    }

    /**
     * Marks the claim of {@code claimed} done under {@code stored}, the id the event was logged under in time (the
     * claimed one, or a fresh one when that write was late); true for exactly one attempt (the one that then
     * publishes).
     */
    CompletionStage<Boolean> finish(UUID school, UUID eventId, long claimed, long stored) {
        return session.executeAsync(finish.bind(ttlSeconds, stored, school, eventId, claimed))
                .thenApply(rs -> rs.wasApplied());
    }

    /** Up to {@code limit} logged events with ids in (since, upTo], oldest first, day partition by day. */
    CompletionStage<List<String>> events(UUID school, long since, long upTo, int limit) {
        long firstDay = SnowflakeIds.timeOf(since).toEpochMilli() / DAY_MILLIS;
        long lastDay = SnowflakeIds.timeOf(upTo).toEpochMilli() / DAY_MILLIS;
        return eventsFrom(school, firstDay, lastDay, since, upTo, limit, new ArrayList<>());
    }

    private CompletionStage<List<String>> eventsFrom(UUID school, long day, long lastDay, long since, long upTo,
            int limit, List<String> out) {
        if (day > lastDay || out.size() >= limit) {
            return CompletableFuture.completedFuture(out);
        }
        return session.executeAsync(eventsOfDay.bind(school, day, since, upTo, limit - out.size()))
                .thenCompose(rs -> {
                    rs.currentPage().forEach(row -> out.add(row.getString("event")));
                    return eventsFrom(school, day + 1, lastDay, since, upTo, limit, out);
                });
    }

    /** The modules with an event after {@code since}, sorted. */
    CompletionStage<List<String>> modulesSince(UUID school, long since) {
        return session.executeAsync(modules.bind(school)).thenApply(rs -> {
            List<String> out = new ArrayList<>();
            rs.currentPage().forEach(row -> {
                if (row.getLong("last_event") > since) {
                    out.add(row.getString("module"));
                }
            });
            out.sort(null);
            return out;
        });
    }

    CompletionStage<Set<UUID>> guardians(UUID school, UUID pupil) {
        return session.executeAsync(guardians.bind(school, pupil)).thenApply(rs -> {
            Row row = rs.one();
            return row == null ? Set.<UUID>of() : new HashSet<>(row.getSet("guardians", UUID.class));
        });
    }

    CompletionStage<Void> putGuardians(UUID school, UUID pupil, Set<UUID> accounts) {
        return session.executeAsync(putGuardians.bind(school, pupil, accounts)).thenApply(rs -> null);
    }

    CompletionStage<Void> removePupil(UUID school, UUID pupil) {
        return session.executeAsync(removePupil.bind(school, pupil)).thenApply(rs -> null);
    }
}
