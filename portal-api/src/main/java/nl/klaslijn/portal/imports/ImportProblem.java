package nl.klaslijn.portal.imports;

import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with an import file or a year-end move request. Messages never repeat the rejected value (it may be
 * a name or an e-mail address).
 *
 * @param line the physical line of the file (1 = the header); 0 for a problem of the request as a whole
 * @param column the column's header name; null for a problem of the whole line
 */
public record ImportProblem(long line, @Nullable String column, String message) {}
