package nl.klaslijn.portal.imports;

import java.util.List;
import nl.klaslijn.portal.request.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * 400 with {@code errors: [{line, column, message}, ...]} (at most {@link #MAX_LISTED}; {@code errorCount} tells the
 * total). Nothing was written.
 */
public final class InvalidImportException extends ApiException {

    public static final int MAX_LISTED = 200;

    private final List<ImportProblem> problems;

    public InvalidImportException(String code, String detail, List<ImportProblem> problems) {
        super(HttpStatus.BAD_REQUEST, code, detail);
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    @Override
    public ProblemDetail toProblem() {
        ProblemDetail problem = super.toProblem();
        problem.setProperty("errorCount", problems.size());
        problem.setProperty("errors", problems.subList(0, Math.min(MAX_LISTED, problems.size())));
        return problem;
    }
}
