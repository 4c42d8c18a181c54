package nl.klaslijn.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cassandra authentication and TLS settings reach the driver configuration the services' sessions are built with. */
class CassandraSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aRoleWithAPasswordFileAndTlsWithATruststoreReachTheDriver() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "s3cret-role-password\n");
        Path truststore = Files.writeString(dir.resolve("truststore.p12"), "not parsed by this test");
        Map<String, String> properties = Map.of(
                "klaslijn.cassandra.username", "klaslijn_chat",
                "klaslijn.cassandra.password-file", password.toString(),
                "klaslijn.cassandra.tls.enabled", "true",
                "klaslijn.cassandra.tls.truststore", truststore.toString(),
                "klaslijn.cassandra.tls.truststore-password", "changeit");

        DriverExecutionProfile profile = profile(CassandraSecurity.fromProperties(properties::get));

        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_CLASS)).isEqualTo("PlainTextAuthProvider");
        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME)).isEqualTo("klaslijn_chat");
        assertThat(profile.getString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD)).isEqualTo("s3cret-role-password");
        assertThat(profile.getString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS)).isEqualTo("DefaultSslEngineFactory");
        assertThat(profile.getString(DefaultDriverOption.SSL_TRUSTSTORE_PATH)).isEqualTo(truststore.toString());
        assertThat(profile.getString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD)).isEqualTo("changeit");
        assertThat(profile.getBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION)).as("on unless turned off").isTrue();
        assertThat(profile.isDefined(DefaultDriverOption.SSL_KEYSTORE_PATH)).isFalse();
    }

    @Test
    void withoutSettingsTheSessionNeitherAuthenticatesNorEncrypts() {
        DriverExecutionProfile profile = profile(CassandraSecurity.fromProperties(name -> null));
        assertThat(profile.isDefined(DefaultDriverOption.AUTH_PROVIDER_CLASS)).isFalse();
        assertThat(profile.isDefined(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS)).isFalse();
    }

    @Test
    void incompleteOrContradictorySettingsAreRefusedWithoutShowingTheSecret() {
        assertThatThrownBy(() -> CassandraSecurity.fromProperties(Map.of("klaslijn.cassandra.username", "chat")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("klaslijn.cassandra.password");
        assertThatThrownBy(() -> CassandraSecurity.fromProperties(Map.of("klaslijn.cassandra.tls.truststore",
                dir.toString())::get)).hasMessageContaining("klaslijn.cassandra.tls.enabled=true");
        assertThatThrownBy(() -> CassandraSecurity.fromProperties(Map.of("klaslijn.cassandra.tls.enabled", "true",
                "klaslijn.cassandra.tls.keystore", dir.resolve("missing.p12").toString())::get))
                .hasMessageContaining("cannot read");
        CassandraSecurity security = new CassandraSecurity("chat", "s3cret", false, null, null, null, null, true);
        assertThat(security.toString()).doesNotContain("s3cret");
    }

    private static DriverExecutionProfile profile(CassandraSecurity security) {
        CassandraSettings settings = new CassandraSettings(List.of(InetSocketAddress.createUnresolved("cass-1", 9042)),
                "datacenter1", "klaslijn", CassandraSettings.DEFAULT_REPLICATION, Duration.ofSeconds(5), security);
        return CassandraSessions.sessionConfig(settings).getInitialConfig().getDefaultProfile();
    }
}
