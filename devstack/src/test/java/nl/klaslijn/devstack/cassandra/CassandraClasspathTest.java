package nl.klaslijn.devstack.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The classpath resource must be cassandra-all's own dependency closure, untouched by Spring Boot's
 * dependency management (see the pom): Netty 4.1, logback 1.2, slf4j 1.7.
 */
class CassandraClasspathTest {

    @Test
    void isCassandrasOwnDependencyClosure() {
        List<String> jars = CassandraClasspath.entries().stream().map(Path::getFileName).map(Path::toString).toList();

        assertThat(jars).hasSizeGreaterThan(90)
                .contains("cassandra-all-5.0.6.jar")
                .anyMatch(jar -> jar.matches("netty-all-4\\.1\\..*\\.jar"))
                .anyMatch(jar -> jar.matches("logback-classic-1\\.2\\..*\\.jar"))
                .anyMatch(jar -> jar.matches("slf4j-api-1\\.7\\..*\\.jar"))
                .noneMatch(jar -> jar.startsWith("ant-") || jar.startsWith("plexus-") || jar.startsWith("maven-"));
    }
}
