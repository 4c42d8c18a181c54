package nl.klaslijn.portal.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klaslijn.portal.request.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The audit log of medical data reads and writes and of pupil deletions. Callers write the entry before they hand
 * out what was read, so no read goes unrecorded (a failed write fails the read). Entries are kept per school and
 * month (the administrators' list) and per pupil (the guardians' data export).
 */
@Service
public class AuditLog {

    public static final int MAX_PAGE = 200;
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,15})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private final AuditStore store;
    private final Clock clock;

    AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Records an action on a pupil's data, in the school's log and the pupil's. */
    public AuditEntry record(UUID schoolId, AuditAction action, UUID pupilId, UUID actorAccountId, String actorRole,
            Set<String> fields) {
        AuditEntry entry = entry(schoolId, action, pupilId, actorAccountId, actorRole, fields);
        store.insert(entry, false);
        return entry;
    }

    /**
     * Records that a pupil's data was deleted, in the school's log only (the pupil's own log is deleted with the rest).
     * The entry holds the pupil's random id, the administrator's account and the time; nothing else.
     */
    public AuditEntry recordDeletion(UUID schoolId, UUID pupilId, UUID actorAccountId, String actorRole) {
        AuditEntry entry = entry(schoolId, AuditAction.PUPIL_DELETED, pupilId, actorAccountId, actorRole, Set.of());
        store.insert(entry, true);
        return entry;
    }

    /**
     * A page of the school's log, newest first, starting after {@code cursor} (a previous page's {@code next}) or at
     * the newest entry. Months before {@code since} (the school's creation) are not searched.
     *
     * @throws ApiException 400 {@code invalid-page} if the cursor is malformed
     */
    public AuditPage page(UUID schoolId, Instant since, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("invalid-page", "limit must be 1.." + MAX_PAGE + ".");
        }
        Instant before = null;
        UUID beforeId = null;
        if (cursor != null) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw ApiException.badRequest("invalid-page", "The page cursor is not one this API handed out.");
            }
            before = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            beforeId = UUID.fromString(m.group(2));
        }
        YearMonth first = YearMonth.parse(AuditStore.month(since));
        YearMonth month = YearMonth.parse(AuditStore.month(before != null ? before : clock.instant()));
        List<AuditEntry> found = new ArrayList<>();
        while (found.size() <= limit && !month.isBefore(first)) {
            int want = limit + 1 - found.size();
            found.addAll(before != null && beforeId != null
                    ? store.monthBefore(schoolId, month, before, beforeId, want)
                    : store.month(schoolId, month, want));
            before = null;
            beforeId = null;
            month = month.minusMonths(1);
        }
        if (found.size() <= limit) {
            return new AuditPage(found, null);
        }
        AuditEntry last = found.get(limit - 1);
        return new AuditPage(found.subList(0, limit), last.at().toEpochMilli() + "." + last.entryId());
    }

    /** Every entry about one pupil, newest first. */
    public List<AuditEntry> ofPupil(UUID schoolId, UUID pupilId) {
        return store.ofPupil(schoolId, pupilId);
    }

    /** Deletes the pupil's own log (part of deleting the pupil's data); the school's log keeps its entries. */
    public void erasePupilTrail(UUID schoolId, UUID pupilId) {
        store.deletePupil(schoolId, pupilId);
    }

    private AuditEntry entry(UUID schoolId, AuditAction action, UUID pupilId, UUID actor, String role, Set<String> fields) {
        return new AuditEntry(schoolId, UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MILLIS), action, pupilId,
                actor, role, fields);
    }
}
