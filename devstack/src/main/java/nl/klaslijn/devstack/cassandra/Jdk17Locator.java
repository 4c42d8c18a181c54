package nl.klaslijn.devstack.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code java} executable of a JDK 17, the only JDK Cassandra 5.0 runs on here (on newer
 * JDKs it fails at start: the SecurityManager is gone), whatever JDK the calling JVM runs on.
 *
 * <p>Order: (1) the system property {@value #JAVA_HOME_PROPERTY} or environment variable {@value
 * #JAVA_HOME_ENV}, a Java home taken as is (not version-checked); (2) the running JVM, if it is 17;
 * (3) {@code JAVA_HOME}, if its {@code release} file says 17; (4) the first directory (by name) under
 * {@code /usr/lib/jvm} whose {@code release} file says {@code JAVA_VERSION="17...}; (5) {@code java}
 * on the {@code PATH}, if {@code java -version} says 17. Nothing found: {@link IllegalStateException}
 * saying where it looked and how to fix it.
 */
public final class Jdk17Locator {

    public static final String JAVA_HOME_PROPERTY = "klaslijn.cassandra.java-home";
    public static final String JAVA_HOME_ENV = "KLASLIJN_CASSANDRA_JAVA_HOME";
    static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");
    private static final Pattern RELEASE_17 = Pattern.compile("^\"?17(\\D.*)?$");
    private static final Pattern VERSION_OUTPUT_17 = Pattern.compile("version \"17(\\D[^\"]*)?\"");

    private final UnaryOperator<@Nullable String> systemProperties;
    private final Map<String, String> environment;
    private final Path jvmRoot;
    private final int runningFeatureVersion;

    Jdk17Locator(
            UnaryOperator<@Nullable String> systemProperties,
            Map<String, String> environment,
            Path jvmRoot,
            int runningFeatureVersion) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.jvmRoot = jvmRoot;
        this.runningFeatureVersion = runningFeatureVersion;
    }

    /** The {@code bin/java} of a JDK 17 on this machine, found as described on the class. */
    public static Path locateJavaExecutable() {
        return new Jdk17Locator(System::getProperty, System.getenv(), DEFAULT_JVM_ROOT, Runtime.version().feature())
                .locate();
    }

    Path locate() {
        List<String> looked = new ArrayList<>();
        String override = firstNonBlank(systemProperties.apply(JAVA_HOME_PROPERTY), environment.get(JAVA_HOME_ENV));
        if (override != null) {
            Path java = javaIn(Path.of(override));
            if (!Files.isExecutable(java)) {
                throw new IllegalStateException("The JDK for Cassandra set by -D" + JAVA_HOME_PROPERTY + " or "
                        + JAVA_HOME_ENV + " (" + override + ") has no executable " + java);
            }
            return java;
        }
        String runningHome = systemProperties.apply("java.home");
        if (runningFeatureVersion == 17 && runningHome != null && Files.isExecutable(javaIn(Path.of(runningHome)))) {
            return javaIn(Path.of(runningHome));
        }
        looked.add("the running JVM (Java " + runningFeatureVersion + ")");
        String javaHome = environment.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            looked.add("JAVA_HOME=" + javaHome);
            if (isJdk17Home(Path.of(javaHome))) {
                return javaIn(Path.of(javaHome));
            }
        }
        looked.add(jvmRoot + "/*/release");
        Optional<Path> scanned = scan(jvmRoot);
        if (scanned.isPresent()) {
            return scanned.get();
        }
        looked.add("java on the PATH");
        Optional<Path> onPath = onPath(environment.getOrDefault("PATH", ""));
        if (onPath.isPresent()) {
            return onPath.get();
        }
        throw new IllegalStateException("Cassandra 5.0 needs a JDK 17 (it fails on newer JDKs) and none was found; looked at "
                + String.join(", ", looked) + ". Install one (e.g. apt-get install openjdk-17-jdk-headless) or point -D"
                + JAVA_HOME_PROPERTY + " or " + JAVA_HOME_ENV + " at its Java home.");
    }

    static Optional<Path> scan(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> homes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            entries.forEach(homes::add);
        } catch (IOException e) {
            return Optional.empty();
        }
        return homes.stream().sorted().filter(Jdk17Locator::isJdk17Home).findFirst().map(Jdk17Locator::javaIn);
    }

    /** A Java home whose {@code release} file says {@code JAVA_VERSION="17..."} and which has {@code bin/java}. */
    static boolean isJdk17Home(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaIn(home))) {
            return false;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        String version = properties.getProperty("JAVA_VERSION");
        return version != null && RELEASE_17.matcher(version.trim()).matches();
    }

    static Optional<Path> onPath(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path java = Path.of(dir, "java");
            if (Files.isExecutable(java) && saysVersion17(java)) {
                return Optional.of(java);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code java -version} (output on stderr) and looks for {@code version "17...}. */
    static boolean saysVersion17(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            Matcher matcher = VERSION_OUTPUT_17.matcher(new String(output, StandardCharsets.UTF_8));
            return process.exitValue() == 0 && matcher.find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path javaIn(Path home) {
        return home.resolve("bin").resolve("java");
    }

    private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
