package nl.klaslijn.devstack.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Jdk17LocatorTest {

    @TempDir
    Path temp;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private Path locate(Path jvmRoot, int runningVersion) {
        return new Jdk17Locator(properties::get, environment, jvmRoot, runningVersion).locate();
    }

    @Test
    void explicitPropertyWinsAndIsTakenAsIs() throws IOException {
        Path any = fakeHome("custom", "25.0.1");
        fakeHome("jvm/jdk-17", "17.0.2");
        properties.put(Jdk17Locator.JAVA_HOME_PROPERTY, any.toString());
        environment.put(Jdk17Locator.JAVA_HOME_ENV, "/nowhere");

        assertThat(locate(temp.resolve("jvm"), 17)).isEqualTo(any.resolve("bin/java"));
    }

    @Test
    void environmentVariableIsTheSecondOverride() throws IOException {
        Path home = fakeHome("custom", "17.0.2");
        environment.put(Jdk17Locator.JAVA_HOME_ENV, home.toString());

        assertThat(locate(temp.resolve("jvm"), 25)).isEqualTo(home.resolve("bin/java"));
    }

    @Test
    void overrideWithoutJavaIsAnError() {
        properties.put(Jdk17Locator.JAVA_HOME_PROPERTY, temp.resolve("missing").toString());

        assertThatThrownBy(() -> locate(temp.resolve("jvm"), 25))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no executable");
    }

    @Test
    void theRunningJvmIsUsedWhenItIs17() throws IOException {
        Path home = fakeHome("running", "17.0.2");
        properties.put("java.home", home.toString());
        fakeHome("jvm/jdk-17", "17.0.9");

        assertThat(locate(temp.resolve("jvm"), 17)).isEqualTo(home.resolve("bin/java"));
    }

    @Test
    void javaHomeIsUsedOnlyWhenItIs17() throws IOException {
        Path javaHome = fakeHome("home25", "25.0.1");
        environment.put("JAVA_HOME", javaHome.toString());
        Path scanned = fakeHome("jvm/jdk-17", "17.0.9");
        assertThat(locate(temp.resolve("jvm"), 25)).isEqualTo(scanned.resolve("bin/java"));

        Path javaHome17 = fakeHome("home17", "17.0.1");
        environment.put("JAVA_HOME", javaHome17.toString());
        assertThat(locate(temp.resolve("jvm"), 25)).isEqualTo(javaHome17.resolve("bin/java"));
    }

    @Test
    void scansReleaseFilesForVersion17Only() throws IOException {
        fakeHome("jvm/a-temurin-25", "25.0.3");
        fakeHome("jvm/b-openjdk-170", "170.0.1");
        Path seventeen = fakeHome("jvm/c-openjdk-17", "17");
        fakeHome("jvm/d-openjdk-17", "17.0.15");

        assertThat(locate(temp.resolve("jvm"), 25)).isEqualTo(seventeen.resolve("bin/java"));
    }

    @Test
    void fallsBackToJavaOnThePathWhenItSays17() throws IOException {
        Path bin25 = fakeJavaScript("bin25", "25.0.3");
        Path bin17 = fakeJavaScript("bin17", "17.0.15");
        environment.put("PATH", bin25 + ":" + temp.resolve("empty") + ":" + bin17);

        assertThat(locate(temp.resolve("no-jvm-root"), 25)).isEqualTo(bin17.resolve("java"));
    }

    @Test
    void nothingFoundSaysHowToFixIt() throws IOException {
        fakeHome("jvm/temurin-25", "25.0.3");
        environment.put("PATH", fakeJavaScript("bin25", "25.0.3").toString());

        assertThatThrownBy(() -> locate(temp.resolve("jvm"), 25))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JDK 17")
                .hasMessageContaining(Jdk17Locator.JAVA_HOME_ENV)
                .hasMessageContaining(Jdk17Locator.JAVA_HOME_PROPERTY);
    }

    @Test
    void findsARealJdk17OnThisMachine() {
        assumeTrue(Jdk17Locator.scan(Jdk17Locator.DEFAULT_JVM_ROOT).isPresent(), "no JDK 17 under /usr/lib/jvm");

        Path java = Jdk17Locator.locateJavaExecutable();

        assertThat(java).isExecutable();
        assertThat(Jdk17Locator.saysVersion17(java)).isTrue();
    }

    /** A Java home with a release file and an executable bin/java (that is never run). */
    private Path fakeHome(String relative, String version) throws IOException {
        Path home = temp.resolve(relative);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        executable(home.resolve("bin/java"), "#!/bin/sh\nexit 1\n");
        return home;
    }

    /** A directory with a {@code java} that prints a {@code -version} banner on stderr, as real ones do. */
    private Path fakeJavaScript(String dir, String version) throws IOException {
        Path bin = temp.resolve(dir);
        Files.createDirectories(bin);
        executable(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-04-15' >&2\n");
        return bin;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
