package nl.klaslijn.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import nl.klaslijn.devstack.build.BootJars;
import org.junit.jupiter.api.Test;

/**
 * The build check that devstack and the embedded redis-server binary are local-start and test dependencies only: the
 * production jar ({@code -exec.jar}, built in the package phase before this runs) holds none of their classes, jars or
 * binaries, while the local-start jar ({@code -local.jar}) does.
 */
class ExecJarContentsIT {

    @Test
    void theProductionJarHoldsNeitherDevstackNorEmbeddedRedis() throws IOException {
        List<String> entries = BootJars.entries(Path.of("target"), "-exec.jar");
        assertThat(entries).isNotEmpty();
        assertThat(entries).noneMatch(BootJars::isLocalStartOnly);
    }

    @Test
    void theLocalStartJarHoldsDevstack() throws IOException {
        assertThat(BootJars.entries(Path.of("target"), "-local.jar")).anyMatch(BootJars::isLocalStartOnly);
    }
}
