package nl.klaslijn.portal.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a year-end move. {@code replayed}: this request repeated an earlier one with the same move id, and
 * what is shown is that move (nothing was moved again). {@code unchanged}: pupils the move left in their group
 * (only in the first answer; null on a replay).
 */
public record YearEndMoveResult(String moveId, List<Moved> moved, List<Left> left, @Nullable Integer unchanged,
        Instant completedAt, boolean replayed) {

    public record Moved(UUID pupilId, UUID from, UUID to) {}

    public record Left(UUID pupilId, UUID from) {}
}
