package nl.klaslijn.portal.request;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request failed for a reason the client can act on; rendered as an RFC 9457 problem whose {@code type} is
 * {@code https://klaslijn.nl/problems/<code>}. The detail must never contain tokens, passwords or personal data.
 */
public class ApiException extends RuntimeException {

    public static final String TYPE_BASE = "https://klaslijn.nl/problems/";

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(code);
        return problem;
    }

    /** The one answer for ids the caller may not see and ids that do not exist (they must be indistinguishable). */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "No such " + what + ".");
    }

    /** The caller may see the resource but not do this to it. */
    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ApiException unauthenticated(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }
}
