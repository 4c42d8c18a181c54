package nl.klaslijn.common.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The migrations of one service, in order. Several sets share a keyspace; versions are per set.
 *
 * <p>On the classpath a set lives in {@code db/cassandra/<name>/}: the {@code V<n>__<words>.cql}
 * files plus {@code index.txt} naming them in order, one per line ({@code #} comments and blank
 * lines ignored). The index is what makes loading work the same from {@code target/classes}, a jar
 * and a Spring Boot fat jar (class loaders cannot list a jar folder). When the folder is a plain
 * directory (development, tests), a {@code .cql} file missing from the index is an error, so a
 * forgotten index line fails in the build, not in production.
 *
 * @param name the set's name, such as {@code chat}: letters, digits, {@code _} and {@code -}
 * @param migrations in strictly increasing version order
 */
public record MigrationSet(String name, List<Migration> migrations) {

    public static final String ROOT = "db/cassandra/";
    public static final String INDEX = "index.txt";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public MigrationSet {
        migrations = List.copyOf(migrations);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("migration set names use letters, digits, _ and -, got '" + name + "'");
        }
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                throw new IllegalArgumentException("migration set " + name + ": versions must strictly increase, got "
                        + migrations.get(i - 1).version() + " before " + migrations.get(i).version());
            }
        }
    }

    /** Loads {@code db/cassandra/<name>/} with the thread's context class loader (else this class's). */
    public static MigrationSet fromClasspath(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return fromClasspath(name, context != null ? context : MigrationSet.class.getClassLoader());
    }

    public static MigrationSet fromClasspath(String name, ClassLoader loader) {
        String folder = ROOT + name + "/";
        URL index = loader.getResource(folder + INDEX);
        if (index == null) {
            throw new IllegalArgumentException("No " + folder + INDEX + " on the classpath: list the migration files of set '"
                    + name + "' there, in order, one per line");
        }
        List<String> files = indexEntries(read(index));
        List<Migration> migrations = new ArrayList<>();
        for (String file : files) {
            URL resource = loader.getResource(folder + file);
            if (resource == null) {
                throw new IllegalArgumentException(folder + INDEX + " lists " + file + ", which is not on the classpath");
            }
            migrations.add(Migration.parse(file, read(resource)));
        }
        checkNothingUnlisted(index, files);
        return new MigrationSet(name, migrations);
    }

    static List<String> indexEntries(String index) {
        return index.lines()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static void checkNothingUnlisted(URL index, List<String> listed) {
        @Nullable Path folder = directoryOf(index);
        if (folder == null) {
            return;
        }
        Set<String> unlisted = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".cql") && !listed.contains(file))
                    .forEach(unlisted::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        if (!unlisted.isEmpty()) {
            throw new IllegalArgumentException(index + " does not list " + unlisted + "; add them in version order");
        }
    }

    private static @Nullable Path directoryOf(URL index) {
        if (!"file".equals(index.getProtocol())) {
            return null;
        }
        try {
            return Path.of(index.toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
