package nl.klaslijn.portal.imports.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.schools.SchoolAccess;
import nl.klaslijn.portal.imports.ImportResult;
import nl.klaslijn.portal.imports.SchoolImport;
import nl.klaslijn.portal.imports.YearEndMoveRequest;
import nl.klaslijn.portal.imports.YearEndMoveResult;
import nl.klaslijn.portal.imports.YearEndMoves;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk administration of a school (administrators only): the CSV import and the year-end move. Both check everything
 * before they write anything, and both may be repeated safely (see {@link SchoolImport} and {@link YearEndMoves}).
 */
@RestController
@RequestMapping("/api/schools/{schoolId}")
class ImportController {

    private final SchoolImport schoolImport;
    private final YearEndMoves yearEndMoves;
    private final SchoolAccess schoolAccess;

    ImportController(SchoolImport schoolImport, YearEndMoves yearEndMoves, SchoolAccess schoolAccess) {
        this.schoolImport = schoolImport;
        this.yearEndMoves = yearEndMoves;
        this.schoolAccess = schoolAccess;
    }

    /**
     * The body is the CSV file itself ({@code Content-Type: text/csv}, UTF-8, at most
     * {@code klaslijn.limits.max-import-bytes}, 2 MiB by default). 200 with what was created, or 400
     * {@code import-invalid} with {@code errors: [{line, column, message}]} and nothing written.
     */
    @PostMapping(path = "/imports", consumes = "text/csv")
    ImportResult importCsv(Caller caller, @PathVariable UUID schoolId, @RequestBody byte[] csv) {
        schoolAccess.manage(caller, schoolId);
        return schoolImport.run(schoolId, csv);
    }

    /** One line: every pupil of {@code from} goes {@code to} a group, or leaves the school ({@code leave: true}). */
    record GroupLine(@NotNull UUID from, @Nullable UUID to, @Nullable Boolean leave) {}

    /** An exception for one pupil, overriding its group's line. */
    record PupilLine(@NotNull UUID pupilId, @Nullable UUID to, @Nullable Boolean leave) {}

    record MoveBody(@NotNull @Size(max = 40) String moveId,
            @Nullable @Size(max = 500) List<@NotNull @Valid GroupLine> groups,
            @Nullable @Size(max = 5_000) List<@NotNull @Valid PupilLine> pupils) {}

    @PostMapping("/year-end-move")
    YearEndMoveResult yearEndMove(Caller caller, @PathVariable UUID schoolId, @Valid @RequestBody MoveBody body) {
        schoolAccess.manage(caller, schoolId);
        List<YearEndMoveRequest.GroupStep> groups = body.groups() == null ? List.of() : body.groups().stream()
                .map(g -> new YearEndMoveRequest.GroupStep(g.from(), g.to(), Boolean.TRUE.equals(g.leave()))).toList();
        List<YearEndMoveRequest.PupilStep> pupils = body.pupils() == null ? List.of() : body.pupils().stream()
                .map(p -> new YearEndMoveRequest.PupilStep(p.pupilId(), p.to(), Boolean.TRUE.equals(p.leave()))).toList();
        return yearEndMoves.move(schoolId, new YearEndMoveRequest(body.moveId(), groups, pupils), caller.accountId());
    }
}
