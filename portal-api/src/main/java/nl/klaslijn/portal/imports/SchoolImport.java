package nl.klaslijn.portal.imports;

import static nl.klaslijn.portal.imports.ImportIds.fold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.klaslijn.portal.imports.ImportResult.CreatedGroup;
import nl.klaslijn.portal.imports.ImportResult.CreatedGuardian;
import nl.klaslijn.portal.imports.ImportResult.CreatedPupil;
import nl.klaslijn.portal.imports.ImportRow.GuardianCells;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Imports a school from a CSV file (format: {@link ImportFile}). Contract:
 *
 * <ol>
 *   <li><b>Check everything first.</b> The file on its own, then against the school: groups are matched by name
 *       (ignoring case), pupils by pupil number, else by first and last name in their group (ignoring case),
 *       guardians by e-mail address (ignoring case) within the school. Any problem anywhere: 400
 *       {@code import-invalid} listing every problem by line and column, and nothing is written.
 *   <li><b>Then write</b>, in this order: new groups, new guardians, new pupils (each with its number in one logged
 *       batch), numbers for matched pupils, guardian links. Matched records are not changed (names included).
 *   <li><b>Re-running is safe.</b> Everything written is found again by the matching of step 1, and what is created
 *       gets an id derived from the school and its natural key ({@link ImportIds}); every write is an idempotent
 *       upsert. So the same file sent twice creates nothing the second time, and if a write fails midway (the client
 *       sees a 500 or a time-out), sending the same file again completes the import without duplicates.
 * </ol>
 *
 * A pupil found by number in another group than the file says is a problem (moving pupils is the year-end move's
 * job). The same e-mail address with different names in the file: the first name is used.
 */
@Service
public class SchoolImport {

    private final Schools schools;
    private final People people;
    private final ImportIds ids;

    SchoolImport(Schools schools, People people, ImportIds ids) {
        this.schools = schools;
        this.people = people;
        this.ids = ids;
    }

    public ImportResult run(UUID schoolId, byte[] csv) {
        ImportFile.Parsed parsed = ImportFile.parse(csv);
        Plan plan = new Planner(schoolId).plan(parsed.rows());
        if (!parsed.problems().isEmpty() || !plan.problems.isEmpty()) {
            List<ImportProblem> all = new ArrayList<>(parsed.problems());
            all.addAll(plan.problems);
            throw invalid(all);
        }
        return write(schoolId, plan);
    }

    private static InvalidImportException invalid(List<ImportProblem> problems) {
        List<ImportProblem> sorted = problems.stream().sorted(Comparator.comparingLong(ImportProblem::line)).toList();
        return new InvalidImportException("import-invalid",
                "The file has " + sorted.size() + " problem(s); nothing was imported.", sorted);
    }

    private ImportResult write(UUID schoolId, Plan plan) {
        plan.newGroups.forEach(g -> schools.createGroup(schoolId, g.groupId(), g.name()));
        plan.newGuardians.forEach(g -> people.createGuardian(schoolId, g.guardianId(), g.name(), g.email()));
        plan.newPupils.forEach(p -> people.createPupil(schoolId, p.pupil().pupilId(), p.pupil().groupId(),
                p.pupil().firstName(), p.pupil().lastName(), p.number()));
        plan.numbers.forEach((pupilId, number) -> people.assignPupilNumber(schoolId, number, pupilId));
        plan.links.forEach(link -> people.linkGuardian(link.pupil(), link.guardianId()));
        return new ImportResult(
                plan.newGroups.stream().map(g -> new CreatedGroup(g.groupId(), g.name())).toList(),
                plan.newPupils.stream().map(p -> new CreatedPupil(p.line(), p.pupil().pupilId(), p.pupil().groupId(),
                        p.pupil().firstName(), p.pupil().lastName())).toList(),
                plan.newGuardians.stream().map(g -> new CreatedGuardian(g.guardianId(), g.name())).toList(),
                plan.links.size(), plan.numbers.size(), plan.existingGroups.size(), plan.existingPupils.size(),
                plan.existingGuardians.size());
    }

    private record NewPupil(long line, Pupil pupil, @Nullable String number) {}

    private record Link(Pupil pupil, UUID guardianId) {}

    /** What the file needs written; empty lists when {@code problems} is not empty. */
    private static final class Plan {
        final List<ImportProblem> problems = new ArrayList<>();
        final List<Group> newGroups = new ArrayList<>();
        final List<Guardian> newGuardians = new ArrayList<>();
        final List<NewPupil> newPupils = new ArrayList<>();
        final Map<UUID, String> numbers = new LinkedHashMap<>();
        final List<Link> links = new ArrayList<>();
        final Set<UUID> existingGroups = new HashSet<>();
        final Set<UUID> existingPupils = new HashSet<>();
        final Set<UUID> existingGuardians = new HashSet<>();
    }

    /** Matches the rows against the school as it is now (one read of each table) and plans the writes. */
    private final class Planner {
        private final UUID schoolId;
        private final Plan plan = new Plan();
        private final Map<String, List<Group>> groupsByName;
        private final Map<UUID, Pupil> pupilsById;
        private final Map<String, UUID> pupilByNumber;
        private final Set<UUID> numbered;
        private final Map<String, Guardian> guardiansByEmail = new HashMap<>();
        private final Map<String, Group> plannedGroups = new HashMap<>();
        private final Map<String, Long> numberLines = new HashMap<>();
        private final Map<String, Long> nameLines = new HashMap<>();
        private final Set<String> unnumberedNames = new HashSet<>();

        Planner(UUID schoolId) {
            this.schoolId = schoolId;
            groupsByName = schools.groups(schoolId).stream().collect(Collectors.groupingBy(g -> fold(g.name())));
            pupilsById = people.pupils(schoolId).stream().collect(Collectors.toMap(Pupil::pupilId, p -> p));
            pupilByNumber = people.pupilNumbers(schoolId);
            numbered = new HashSet<>(pupilByNumber.values());
            people.guardians(schoolId).stream().sorted(Comparator.comparing(Guardian::guardianId))
                    .forEach(g -> guardiansByEmail.putIfAbsent(fold(g.email()), g));
        }

        Plan plan(List<ImportRow> rows) {
            for (ImportRow row : rows) {
                Group group = group(row);
                if (group == null || !uniqueInFile(row, group)) {
                    continue;
                }
                Pupil pupil = pupil(row, group);
                if (pupil != null) {
                    guardians(row, pupil);
                }
            }
            return plan;
        }

        private @Nullable Group group(ImportRow row) {
            String key = fold(row.group());
            List<Group> existing = groupsByName.getOrDefault(key, List.of());
            if (existing.size() > 1) {
                problem(row, ImportFile.GROUP, "Several groups of the school have this name; rename all but one first.");
                return null;
            }
            if (existing.size() == 1) {
                plan.existingGroups.add(existing.get(0).groupId());
                return existing.get(0);
            }
            return plannedGroups.computeIfAbsent(key, k -> {
                Group created = new Group(schoolId, ids.group(schoolId, k), row.group(), Set.of(), Set.of());
                plan.newGroups.add(created);
                return created;
            });
        }

        /** The same pupil twice in the file: the same number, or the same name in a group where one has no number. */
        private boolean uniqueInFile(ImportRow row, Group group) {
            if (row.pupilNumber() != null) {
                Long earlier = numberLines.putIfAbsent(row.pupilNumber(), row.line());
                if (earlier != null) {
                    problem(row, ImportFile.NUMBER, "The same pupil number is on line " + earlier + ".");
                    return false;
                }
            }
            String name = group.groupId() + "\u0000" + fold(row.firstName()) + "\u0000" + fold(row.lastName());
            Long earlier = nameLines.putIfAbsent(name, row.line());
            boolean ambiguous = earlier != null && (row.pupilNumber() == null || unnumberedNames.contains(name));
            if (row.pupilNumber() == null) {
                unnumberedNames.add(name);
            }
            if (ambiguous) {
                problem(row, ImportFile.LAST, "A pupil with the same name in this group is on line " + earlier
                        + "; give both a pupil_number.");
                return false;
            }
            return true;
        }

        private @Nullable Pupil pupil(ImportRow row, Group group) {
            String number = row.pupilNumber();
            Pupil byNumber = number == null ? null : pupilsById.get(pupilByNumber.get(number));
            if (byNumber != null) {
                if (!byNumber.groupId().equals(group.groupId())) {
                    problem(row, ImportFile.GROUP, "The pupil with this pupil number is in another group of the school;"
                            + " move pupils with the year-end move, not the import.");
                    return null;
                }
                plan.existingPupils.add(byNumber.pupilId());
                return byNumber;
            }
            List<Pupil> byName = pupilsById.values().stream()
                    .filter(p -> p.groupId().equals(group.groupId()))
                    .filter(p -> fold(p.firstName()).equals(fold(row.firstName()))
                            && fold(p.lastName()).equals(fold(row.lastName())))
                    .filter(p -> number == null || !numbered.contains(p.pupilId()))
                    .toList();
            if (byName.size() > 1) {
                problem(row, ImportFile.LAST, "Several pupils of this group have this name; give them pupil numbers.");
                return null;
            }
            if (byName.size() == 1) {
                Pupil found = byName.get(0);
                plan.existingPupils.add(found.pupilId());
                if (number != null) {
                    plan.numbers.put(found.pupilId(), number);
                }
                return found;
            }
            UUID id = number != null ? ids.pupilByNumber(schoolId, number)
                    : ids.pupilByName(schoolId, group.groupId(), row.firstName(), row.lastName());
            Pupil created = new Pupil(schoolId, id, group.groupId(), row.firstName(), row.lastName());
            plan.newPupils.add(new NewPupil(row.line(), created, number));
            return created;
        }

        private void guardians(ImportRow row, Pupil pupil) {
            Set<UUID> linked = plan.existingPupils.contains(pupil.pupilId())
                    ? new HashSet<>(people.guardiansOf(schoolId, pupil.pupilId())) : new HashSet<>();
            List<UUID> toLink = new ArrayList<>();
            for (GuardianCells cells : row.guardians()) {
                UUID guardianId = guardian(cells);
                if (!linked.contains(guardianId) && !toLink.contains(guardianId)) {
                    toLink.add(guardianId);
                }
            }
            if (linked.size() + toLink.size() > ImportFile.MAX_GUARDIANS) {
                problem(row, null, "A pupil has at most " + ImportFile.MAX_GUARDIANS + " guardians; with this line it"
                        + " would have " + (linked.size() + toLink.size()) + ".");
                return;
            }
            toLink.forEach(g -> plan.links.add(new Link(pupil, g)));
        }

        private UUID guardian(GuardianCells cells) {
            String key = fold(cells.email());
            Guardian known = guardiansByEmail.get(key);
            if (known != null) {
                if (plan.newGuardians.stream().noneMatch(g -> g.guardianId().equals(known.guardianId()))) {
                    plan.existingGuardians.add(known.guardianId());
                }
                return known.guardianId();
            }
            Guardian created = new Guardian(schoolId, ids.guardian(schoolId, key), cells.name(), cells.email().strip(),
                    null);
            guardiansByEmail.put(key, created);
            plan.newGuardians.add(created);
            return created.guardianId();
        }

        private void problem(ImportRow row, @Nullable String column, String message) {
            plan.problems.add(new ImportProblem(row.line(), column, message));
        }
    }
}
