package nl.klaslijn.common.jobs;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One unit of background work as a {@link JobQueue} carries it: an id and an opaque body (JSON by convention).
 *
 * @param id chosen by the producer; the same work enqueued twice carries the same id (at-least-once enqueue), so a
 *     worker that must not do it twice dedupes by id. 1 to 100 visible ASCII characters
 * @param body at most {@value #MAX_BODY_BYTES} bytes of UTF-8; never personal data (queues are not encrypted)
 */
public record Job(String id, String body) {

    public static final int MAX_BODY_BYTES = 4096;
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,100}");

    public Job {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("job id must be 1 to 100 visible ASCII characters");
        }
        if (body == null) {
            throw new IllegalArgumentException("job body is required");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("job body is more than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
