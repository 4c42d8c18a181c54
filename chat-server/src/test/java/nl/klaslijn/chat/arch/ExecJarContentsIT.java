package nl.klaslijn.chat.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The build check that devstack and the embedded redis-server binary are local-start and test dependencies only: the
 * production jar ({@code -exec.jar}, built in the package phase before this runs) holds none of their classes, jars or
 * binaries, while the local-start jar ({@code -local.jar}) does.
 */
class ExecJarContentsIT {

    @Test
    void theProductionJarHoldsNeitherDevstackNorEmbeddedRedis() throws IOException {
        List<String> entries = entries(jar("-exec.jar"));
        assertThat(entries).isNotEmpty();
        assertThat(entries).noneMatch(ExecJarContentsIT::isLocalStartOnly);
    }

    @Test
    void theLocalStartJarHoldsDevstack() throws IOException {
        assertThat(entries(jar("-local.jar"))).anyMatch(ExecJarContentsIT::isLocalStartOnly);
    }

    private static boolean isLocalStartOnly(String entry) {
        return entry.startsWith("BOOT-INF/lib/klaslijn-devstack") || entry.startsWith("BOOT-INF/lib/embedded-redis")
                || entry.contains("nl/klaslijn/devstack/") || entry.contains("redis-server");
    }

    private static Path jar(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no *" + suffix + " in target/: run mvn verify"));
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
