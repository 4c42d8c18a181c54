package nl.klaslijn.portal.imports;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import nl.klaslijn.portal.imports.ImportRow.GuardianCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks an import file on its own (the school's current data is checked later, in {@link SchoolImport}).
 * The format is documented in docs/portal-api.md ("CSV import"):
 *
 * <ul>
 *   <li>UTF-8 (a byte-order mark is allowed), RFC 4180 quoting, comma-separated; a header whose first line has
 *       semicolons and no commas makes the file semicolon-separated (as spreadsheets in Dutch locales save it);
 *   <li>a header line naming the columns (any order, any case): {@code group}, {@code first_name},
 *       {@code last_name} (required), {@code pupil_number} (optional), and for N = 1..4 the pairs
 *       {@code guardianN_name}, {@code guardianN_email} (optional; always both of a pair);
 *   <li>one line per pupil; blank lines are skipped; missing trailing fields count as empty; columns with an empty
 *       header are ignored; at most {@link #MAX_ROWS} pupils.
 * </ul>
 *
 * Every problem found is reported with its physical line and column; the valid lines are returned as well, so the
 * caller can check them against the school too and report everything at once.
 */
final class ImportFile {

    static final int MAX_ROWS = 5_000;
    static final int MAX_GUARDIANS = 4;
    static final String GROUP = "group";
    static final String NUMBER = "pupil_number";
    static final String FIRST = "first_name";
    static final String LAST = "last_name";

    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"<>,;]+@[^\\s@\"<>,;]+\\.[^\\s@\"<>,;.]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** The outcome: the lines that are valid on their own, and the problems of the others (or of the file). */
    record Parsed(List<ImportRow> rows, List<ImportProblem> problems) {}

    private ImportFile() {}

    static Parsed parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return failed(new ImportProblem(0, null, "The file is not UTF-8 text; save it as CSV UTF-8."));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return failed(new ImportProblem(1, null, "The file is empty; the first line must name the columns."));
        }
        LineIndex lines = new LineIndex(text);
        String firstLine = text.lines().findFirst().orElse("");
        char delimiter = firstLine.contains(";") && !firstLine.contains(",") ? ';' : ',';
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true).get();
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                return failed(new ImportProblem(1, null, "The first line must name the columns."));
            }
            CSVRecord header = records.next();
            Columns columns = Columns.of(header, lines.lineOf(header.getCharacterPosition()), problems);
            if (!problems.isEmpty()) {
                return new Parsed(List.of(), problems);
            }
            int seen = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = lines.lineOf(record.getCharacterPosition());
                if (++seen > MAX_ROWS) {
                    problems.add(new ImportProblem(line, null, "More than " + MAX_ROWS + " pupils; split the file."));
                    break;
                }
                ImportRow row = columns.read(record, line, problems);
                if (row != null) {
                    rows.add(row);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports broken quoting this way; its message quotes the content, so it is not passed on.
            problems.add(new ImportProblem(lines.lineCount(), null,
                    "The file is not valid CSV (a quote is not closed, or text follows a closing quote)."));
        }
        return new Parsed(rows, problems);
    }

    private static Parsed failed(ImportProblem problem) {
        return new Parsed(List.of(), List.of(problem));
    }

    /** Where each header column is, by its lower-case name. */
    private record Columns(Map<String, Integer> index, List<String> names) {

        static Columns of(CSVRecord header, long line, List<ImportProblem> problems) {
            Map<String, Integer> index = new LinkedHashMap<>();
            List<String> known = new ArrayList<>(List.of(GROUP, NUMBER, FIRST, LAST));
            for (int n = 1; n <= MAX_GUARDIANS; n++) {
                known.add(guardianName(n));
                known.add(guardianEmail(n));
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                names.add(name);
                if (name.isEmpty()) {
                    continue; // spreadsheets add unnamed trailing columns; they are ignored
                }
                if (!known.contains(name)) {
                    problems.add(new ImportProblem(line, name, "Unknown column; the columns are " + known + "."));
                } else if (index.putIfAbsent(name, i) != null) {
                    problems.add(new ImportProblem(line, name, "This column appears twice."));
                }
            }
            for (String required : List.of(GROUP, FIRST, LAST)) {
                if (!index.containsKey(required)) {
                    problems.add(new ImportProblem(line, required, "Required column is missing."));
                }
            }
            for (int n = 1; n <= MAX_GUARDIANS; n++) {
                if (index.containsKey(guardianName(n)) != index.containsKey(guardianEmail(n))) {
                    String missing = index.containsKey(guardianName(n)) ? guardianEmail(n) : guardianName(n);
                    problems.add(new ImportProblem(line, missing, "Guardian columns come in pairs: name and e-mail."));
                }
            }
            return new Columns(index, names);
        }

        @Nullable ImportRow read(CSVRecord record, long line, List<ImportProblem> problems) {
            int before = problems.size();
            if (record.size() > names.size()) {
                problems.add(new ImportProblem(line, null, "More fields (" + record.size() + ") than the header names ("
                        + names.size() + ")."));
                return null;
            }
            String group = required(record, GROUP, 60, line, problems);
            String first = required(record, FIRST, 60, line, problems);
            String last = required(record, LAST, 80, line, problems);
            String number = optional(record, NUMBER, 40, line, problems);
            List<GuardianCells> guardians = new ArrayList<>();
            Map<String, Integer> emails = new HashMap<>();
            for (int n = 1; n <= MAX_GUARDIANS; n++) {
                String name = optional(record, guardianName(n), 120, line, problems);
                String email = optional(record, guardianEmail(n), 254, line, problems);
                if (name == null && email == null) {
                    continue;
                }
                if (name == null) {
                    problems.add(new ImportProblem(line, guardianName(n), "A guardian with an e-mail address needs a name."));
                } else if (email == null) {
                    problems.add(new ImportProblem(line, guardianEmail(n), "A guardian needs an e-mail address."));
                } else if (!EMAIL.matcher(email).matches()) {
                    problems.add(new ImportProblem(line, guardianEmail(n), "Not a valid e-mail address."));
                } else {
                    String key = email.toLowerCase(Locale.ROOT);
                    Integer earlier = emails.putIfAbsent(key, n);
                    if (earlier != null) {
                        problems.add(new ImportProblem(line, guardianEmail(n),
                                "Same e-mail address as guardian " + earlier + " of this pupil."));
                    } else {
                        guardians.add(new GuardianCells(n, name, email));
                    }
                }
            }
            if (problems.size() > before) {
                return null;
            }
            return new ImportRow(line, group, number, first, last, List.copyOf(guardians));
        }

        private String required(CSVRecord record, String column, int max, long line, List<ImportProblem> problems) {
            int before = problems.size();
            String value = optional(record, column, max, line, problems);
            if (value == null && index.containsKey(column) && problems.size() == before) {
                problems.add(new ImportProblem(line, column, "Required; this field is empty."));
            }
            return value == null ? "" : value;
        }

        private @Nullable String optional(CSVRecord record, String column, int max, long line,
                List<ImportProblem> problems) {
            Integer at = index.get(column);
            if (at == null || at >= record.size()) {
                return null;
            }
            String value = record.get(at).strip();
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > max) {
                problems.add(new ImportProblem(line, column, "Longer than " + max + " characters."));
                return null;
            }
            if (CONTROL.matcher(value).find()) {
                problems.add(new ImportProblem(line, column, "Must be a single line of text."));
                return null;
            }
            return value;
        }
    }

    static String guardianName(int n) {
        return "guardian" + n + "_name";
    }

    static String guardianEmail(int n) {
        return "guardian" + n + "_email";
    }

    /** Character position to physical line number (1-based), counting every line break as an editor does. */
    private static final class LineIndex {
        private final String text;
        private final int[] starts;

        LineIndex(String text) {
            this.text = text;
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                    list.add(i + 1);
                }
            }
            starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        /** The line of the first character at or after {@code position} that is not a line break (blank lines skipped). */
        long lineOf(long position) {
            int at = (int) position;
            while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                at++;
            }
            int found = Arrays.binarySearch(starts, at);
            return (found >= 0 ? found : -found - 2) + 1;
        }

        long lineCount() {
            return starts.length;
        }
    }
}
