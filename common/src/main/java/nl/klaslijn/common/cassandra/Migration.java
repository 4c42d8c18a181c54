package nl.klaslijn.common.cassandra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema version: the statements of one {@code V<version>__<description>.cql} file.
 *
 * <p>The checksum is SHA-256 over the statements as parsed (comments, blank
 * lines and trailing spaces removed), joined with {@code ;\n}: editing comments or blank lines of an
 * applied file is allowed, changing a statement is not.
 *
 * @param version positive, unique within its migration set
 * @param description words from the file name, underscores as spaces
 * @param statements CQL statements without the trailing {@code ;}; table names unqualified (they run
 *     in the settings' keyspace)
 */
public record Migration(int version, String description, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cql");

    public Migration {
        statements = List.copyOf(statements);
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }

    /** Parses a file named like {@code V001__create_messages.cql}. */
    public static Migration parse(String fileName, String script) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Migration file names look like V001__create_messages.cql, got " + fileName);
        }
        return new Migration(
                Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), CqlScript.statements(script));
    }

    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(";\n", statements).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
