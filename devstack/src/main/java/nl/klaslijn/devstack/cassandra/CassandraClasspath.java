package nl.klaslijn.devstack.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of the Cassandra server: the absolute paths of {@code cassandra-all} and its
 * dependency closure, written at build time into the resource {@value #RESOURCE} (see this
 * module's pom). The jars are in the local Maven repository of the machine that built devstack.
 */
final class CassandraClasspath {

    static final String RESOURCE = "cassandra.classpath";

    private CassandraClasspath() {}

    /** The classpath entries, each checked to exist. */
    static List<Path> entries() {
        String text;
        try (InputStream in = CassandraClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + RESOURCE + " is missing next to "
                        + CassandraClasspath.class.getName() + "; it is written by the devstack build "
                        + "(./mvnw -pl devstack generate-resources)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read resource " + RESOURCE, e);
        }
        List<Path> entries = Arrays.stream(text.split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
        if (entries.stream().noneMatch(p -> p.getFileName().toString().startsWith("cassandra-all-"))) {
            throw new IllegalStateException("Resource " + RESOURCE + " does not list cassandra-all: " + text);
        }
        for (Path entry : entries) {
            if (!Files.exists(entry)) {
                throw new IllegalStateException("Cassandra classpath entry " + entry + " does not exist; rebuild devstack "
                        + "on this machine (./mvnw -pl devstack install) so Maven downloads it");
            }
        }
        return entries;
    }
}
