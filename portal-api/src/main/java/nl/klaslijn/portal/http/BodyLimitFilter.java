package nl.klaslijn.portal.http;

import nl.klaslijn.portal.request.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies larger than the limit before anything reads them: a declared length above it gets 413, a
 * body without a declared length (chunked) gets 411. The API's bodies are small JSON documents; the one exception is
 * the CSV import of a school ({@code POST /api/schools/{id}/imports}), which gets its own, larger limit.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private static final Pattern IMPORT = Pattern.compile("/api/schools/[^/]+/imports/?");

    private final long maxBytes;
    private final long maxImportBytes;

    public BodyLimitFilter(long maxBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
    }

    private long limitFor(HttpServletRequest request) {
        boolean isImport = "POST".equals(request.getMethod()) && IMPORT.matcher(request.getRequestURI()).matches();
        return isImport ? maxImportBytes : maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = limitFor(request);
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length > maxBytes) {
            reject(response, 413, "body-too-large", "The request body exceeds " + maxBytes + " bytes.");
        } else if (chunked && length < 0) {
            reject(response, 411, "length-required", "Send the body with a Content-Length.");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void reject(HttpServletResponse response, int status, String code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"" + ApiException.TYPE_BASE + code + "\",\"title\":\"" + code
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
