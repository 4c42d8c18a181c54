package nl.klaslijn.chat.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tables with a single owner: only the owner's statements name them (ArchUnit sees classes, not CQL, so this reads
 * the sources: a string literal that names the table is a statement on it).
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/nl/klaslijn/chat");

    @Test
    void onlyUserIndexReadsOrWritesUserConversations() {
        assertThat(filesWithCqlOn("user_conversations"))
                .containsExactly(SOURCES.resolve("userindex/UserIndex.java"));
    }

    private static List<Path> filesWithCqlOn(String table) {
        Pattern literal = Pattern.compile("\"[^\"]*\\b" + table + "\\b[^\"]*\"");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> literal.matcher(read(file)).find())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
