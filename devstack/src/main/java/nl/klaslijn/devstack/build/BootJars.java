package nl.klaslijn.devstack.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The entries of a service's Spring Boot jars in its {@code target/} folder, for the build check that the production
 * jar ({@code -exec.jar}) carries nothing of the local start (devstack, the embedded redis-server binary) while the
 * local-start jar ({@code -local.jar}) does. Both services' {@code ExecJarContentsIT} use it.
 */
public final class BootJars {

    private BootJars() {}

    /**
     * Whether a jar entry belongs to the local start only: devstack's classes or jar, embedded-redis or its binary,
     * GreenMail (the local SMTP sink).
     */
    public static boolean isLocalStartOnly(String entry) {
        return entry.startsWith("BOOT-INF/lib/klaslijn-devstack") || entry.startsWith("BOOT-INF/lib/embedded-redis")
                || entry.startsWith("BOOT-INF/lib/greenmail")
                || entry.contains("nl/klaslijn/devstack/") || entry.contains("redis-server");
    }

    /** The entry names of the jar in {@code target} whose name ends with {@code suffix} (e.g. {@code -exec.jar}). */
    public static List<String> entries(Path target, String suffix) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *" + suffix + " in " + target + ": run mvn verify"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
