package nl.klaslijn.portal.imports;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A year-end move as the administrator asks for it (validated by {@link YearEndMoves}).
 *
 * @param moveId the client's name for this move, unique per school (e.g. the new school year {@code 2026-2027});
 *     sending the same request again with it returns the first outcome instead of moving anyone twice
 * @param groups every pupil of {@code from} goes to {@code to}, or leaves the school with {@code leave: true}
 * @param pupils per-pupil exceptions, overriding their group's line (e.g. a pupil who repeats the year)
 */
public record YearEndMoveRequest(String moveId, List<GroupStep> groups, List<PupilStep> pupils) {

    public record GroupStep(UUID from, @Nullable UUID to, boolean leave) {}

    public record PupilStep(UUID pupilId, @Nullable UUID to, boolean leave) {}
}
