package nl.klaslijn.portal.imports;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.request.ApiException;
import nl.klaslijn.portal.imports.YearEndMoveRequest.GroupStep;
import nl.klaslijn.portal.imports.YearEndMoveRequest.PupilStep;
import nl.klaslijn.portal.imports.YearEndMoveStore.StoredMove;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.personaldata.PersonalData;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The year-end move: pupils go to their next group, or leave the school. Contract:
 *
 * <ol>
 *   <li><b>Validate all first</b>: the move id, every group and pupil named (of this school, each named once), each
 *       step either {@code to} a group or {@code leave}. Any problem: 400 {@code move-invalid} listing all, nothing
 *       written.
 *   <li><b>Plan from a snapshot</b>: each pupil's target is decided by the group it is in now (a pupil line overrides
 *       its group's line), so "3 → 4" and "4 → 5" in one move do not carry anyone two years on. Pupils of groups not
 *       named stay where they are. The plan is stored under the move id before anything moves ({@code IF NOT
 *       EXISTS}).
 *   <li><b>Apply, then mark completed.</b> Each pupil's move is one logged batch (pupil row, both class lists, the
 *       group copy in each guardian's list of children). Then each leaving pupil's data is deleted by
 *       {@link PersonalData#erasePupil} — the same deletion as {@code DELETE /api/schools/{s}/pupils/{p}}, on behalf of
 *       the administrator who sent the move (registration tokens, medical record, audit trail, guardian links,
 *       class-parent places, guardians left without a child, pupil numbers, the record). Last, a class parent of a
 *       group the move emptied of their children stops being its class parent (as on deletion).
 *   <li><b>Idempotent by move id.</b> The same request again returns the stored outcome ({@code replayed: true}); if
 *       the first attempt failed midway, the retry first finishes the stored plan (every step is safe to repeat). A
 *       different request under a used move id is 409 {@code move-id-used}.
 * </ol>
 *
 * Groups themselves (names, teachers, class parents) do not change.
 */
@Service
public class YearEndMoves {

    private static final Pattern MOVE_ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final YearEndMoveStore store;
    private final Schools schools;
    private final People people;
    private final PersonalData personalData;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    YearEndMoves(YearEndMoveStore store, Schools schools, People people, PersonalData personalData,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.schools = schools;
        this.people = people;
        this.personalData = personalData;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Makes (or replays) the move. {@code actorAccountId} is the administrator sending it: the deletions of leaving
     * pupils are recorded in the school's audit log under their name.
     */
    public YearEndMoveResult move(UUID schoolId, YearEndMoveRequest request, UUID actorAccountId) {
        ByteBuffer hash = hash(request);
        if (request.moveId() != null && MOVE_ID.matcher(request.moveId()).matches()) {
            Optional<StoredMove> earlier = store.find(schoolId, request.moveId());
            if (earlier.isPresent()) {
                return replay(earlier.get(), hash, actorAccountId);
            }
        }
        Set<UUID> groups = schools.groups(schoolId).stream().map(Group::groupId).collect(Collectors.toSet());
        validate(schoolId, request, groups);
        List<Pupil> pupils = people.pupils(schoolId);
        Map<UUID, UUID> moves = new HashMap<>();
        Set<UUID> leaving = new HashSet<>();
        Map<UUID, UUID> from = new HashMap<>();
        int unchanged = plan(request, pupils, moves, leaving, from);
        StoredMove move = new StoredMove(schoolId, request.moveId(), hash, moves, leaving, from, clock.instant(), null);
        if (!store.insert(move)) {
            return replay(store.find(schoolId, request.moveId()).orElseThrow(), hash, actorAccountId);
        }
        Instant completed = apply(move, actorAccountId);
        return result(move, unchanged, completed, false);
    }

    private int plan(YearEndMoveRequest request, List<Pupil> pupils, Map<UUID, UUID> moves, Set<UUID> leaving,
            Map<UUID, UUID> from) {
        Map<UUID, GroupStep> byGroup = request.groups().stream().collect(Collectors.toMap(GroupStep::from, s -> s));
        Map<UUID, PupilStep> byPupil = request.pupils().stream().collect(Collectors.toMap(PupilStep::pupilId, s -> s));
        int unchanged = 0;
        for (Pupil pupil : pupils) {
            PupilStep own = byPupil.get(pupil.pupilId());
            GroupStep ofGroup = byGroup.get(pupil.groupId());
            boolean leave = own != null ? own.leave() : ofGroup != null && ofGroup.leave();
            UUID to = own != null ? own.to() : ofGroup != null ? ofGroup.to() : null;
            if (leave) {
                leaving.add(pupil.pupilId());
                from.put(pupil.pupilId(), pupil.groupId());
            } else if (to != null && !to.equals(pupil.groupId())) {
                moves.put(pupil.pupilId(), to);
                from.put(pupil.pupilId(), pupil.groupId());
            } else {
                unchanged++;
            }
        }
        return unchanged;
    }

    private YearEndMoveResult replay(StoredMove move, ByteBuffer hash, UUID actorAccountId) {
        if (!move.requestHash().equals(hash)) {
            throw ApiException.conflict("move-id-used",
                    "A different year-end move was made with this move id; choose another id.");
        }
        Instant completed = move.completedAt() != null ? move.completedAt() : apply(move, actorAccountId);
        return result(move, null, completed, true);
    }

    /**
     * Applies every step of the stored plan (each safe to repeat), publishes the event, marks the move completed.
     * Moves go first, so a leaver's guardian whose other child moved is judged by that child's new group. A leaver
     * already deleted (a retry) is skipped; one whose deletion stopped halfway still has its record (it goes last)
     * and is deleted again.
     */
    private Instant apply(StoredMove move, UUID actorAccountId) {
        UUID schoolId = move.schoolId();
        move.moves().forEach((pupilId, to) -> people.pupil(schoolId, pupilId)
                .ifPresent(p -> people.movePupil(p, move.fromGroups().get(pupilId), to)));
        move.leaving().forEach(pupilId -> people.pupil(schoolId, pupilId)
                .ifPresent(p -> personalData.erasePupil(p, actorAccountId, StaffRole.ADMINISTRATOR.name())));
        Set<UUID> emptiedFrom = move.moves().keySet().stream().map(move.fromGroups()::get).collect(Collectors.toSet());
        dropClassParentsWithoutChildIn(schoolId, emptiedFrom);
        events.publishEvent(new YearEndMoved(schoolId, move.moveId(), Map.copyOf(move.moves()), Set.copyOf(move.leaving())));
        Instant now = clock.instant();
        store.complete(schoolId, move.moveId(), now);
        return now;
    }

    /** A class parent of one of {@code groupIds} with no child left in it stops being its class parent. */
    private void dropClassParentsWithoutChildIn(UUID schoolId, Set<UUID> groupIds) {
        for (Group group : schools.groups(schoolId)) {
            if (!groupIds.contains(group.groupId())) {
                continue;
            }
            group.classParents().stream()
                    .filter(guardianId -> !people.hasChildIn(schoolId, guardianId, group.groupId()))
                    .forEach(guardianId -> schools.removeClassParent(schoolId, group.groupId(), guardianId));
        }
    }

    private static YearEndMoveResult result(StoredMove move, @Nullable Integer unchanged, Instant completed,
            boolean replayed) {
        List<YearEndMoveResult.Moved> moved = move.moves().entrySet().stream()
                .map(e -> new YearEndMoveResult.Moved(e.getKey(), move.fromGroups().get(e.getKey()), e.getValue()))
                .sorted((a, b) -> a.pupilId().compareTo(b.pupilId())).toList();
        List<YearEndMoveResult.Left> left = move.leaving().stream().sorted()
                .map(p -> new YearEndMoveResult.Left(p, move.fromGroups().get(p))).toList();
        return new YearEndMoveResult(move.moveId(), moved, left, unchanged, completed, replayed);
    }

    private void validate(UUID schoolId, YearEndMoveRequest request, Set<UUID> groups) {
        List<ImportProblem> problems = new ArrayList<>();
        if (request.moveId() == null || !MOVE_ID.matcher(request.moveId()).matches()) {
            problems.add(new ImportProblem(0, "moveId", "1 to 40 letters, digits, '.', '_' or '-' (e.g. 2026-2027)."));
        }
        if (request.groups().isEmpty() && request.pupils().isEmpty()) {
            problems.add(new ImportProblem(0, null, "Name at least one group or pupil to move."));
        }
        Set<UUID> seenGroups = new HashSet<>();
        for (int i = 0; i < request.groups().size(); i++) {
            GroupStep step = request.groups().get(i);
            String at = "groups[" + i + "]";
            if (step.from() == null || !groups.contains(step.from())) {
                problems.add(new ImportProblem(0, at + ".from", "No such group at the school."));
            } else if (!seenGroups.add(step.from())) {
                problems.add(new ImportProblem(0, at + ".from", "This group is named twice."));
            }
            target(step.to(), step.leave(), at, groups, problems);
        }
        Set<UUID> seenPupils = new HashSet<>();
        for (int i = 0; i < request.pupils().size(); i++) {
            PupilStep step = request.pupils().get(i);
            String at = "pupils[" + i + "]";
            if (step.pupilId() == null || people.pupil(schoolId, step.pupilId()).isEmpty()) {
                problems.add(new ImportProblem(0, at + ".pupilId", "No such pupil at the school."));
            } else if (!seenPupils.add(step.pupilId())) {
                problems.add(new ImportProblem(0, at + ".pupilId", "This pupil is named twice."));
            }
            target(step.to(), step.leave(), at, groups, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportException("move-invalid",
                    "The move has " + problems.size() + " problem(s); nobody was moved.", problems);
        }
    }

    private static void target(@Nullable UUID to, boolean leave, String at, Set<UUID> groups,
            List<ImportProblem> problems) {
        if (leave == (to != null)) {
            problems.add(new ImportProblem(0, at, "Give either a group to move to (to) or leave: true."));
        } else if (to != null && !groups.contains(to)) {
            problems.add(new ImportProblem(0, at + ".to", "No such group at the school."));
        }
    }

    /** SHA-256 of the request in a canonical form (order of lines does not matter). */
    private static ByteBuffer hash(YearEndMoveRequest request) {
        Set<String> lines = new TreeSet<>();
        request.groups().forEach(s -> lines.add("g:" + s.from() + ">" + (s.leave() ? "leave" : s.to())));
        request.pupils().forEach(s -> lines.add("p:" + s.pupilId() + ">" + (s.leave() ? "leave" : s.to())));
        return Hashing.sha256(Objects.toString(request.moveId()) + "\n" + String.join("\n", lines));
    }
}
