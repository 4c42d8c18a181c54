package nl.klaslijn.common.cassandra;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CQL script into statements at {@code ;}. Outside {@code '...'} strings, {@code "..."}
 * identifiers and {@code $$...$$} bodies (where everything is kept as is): {@code --} and {@code //}
 * line comments and {@code /* *}{@code /} block comments are dropped, trailing spaces and blank lines
 * are dropped, and line ends become {@code \n}. So editing comments, blank lines or indentation at
 * line ends does not change a statement. Each statement is trimmed; empty ones are dropped; a last
 * statement without {@code ;} counts.
 */
final class CqlScript {

    private CqlScript() {}

    static List<String> statements(String script) {
        String text = script.replace("\r\n", "\n").replace('\r', '\n');
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfQuoted(text, i, c);
                current.append(text, i, end);
                i = end;
            } else if (text.startsWith("$$", i)) {
                int close = text.indexOf("$$", i + 2);
                int end = close < 0 ? text.length() : close + 2;
                current.append(text, i, end);
                i = end;
            } else if (text.startsWith("--", i) || text.startsWith("//", i)) {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? text.length() : close + 2;
                current.append(' ');
            } else if (c == '\n') {
                stripTrailingBlanks(current);
                if (!current.isEmpty() && current.charAt(current.length() - 1) != '\n') {
                    current.append('\n');
                }
                i++;
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Index after the closing quote; a doubled quote is an escaped one. */
    private static int endOfQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static void stripTrailingBlanks(StringBuilder text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        text.setLength(end);
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
