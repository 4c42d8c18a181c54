package nl.klaslijn.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {

    @Test
    void parsesContactPointsWithDefaultPort() {
        assertThat(CassandraSettings.parseContactPoints(" cass-1:9142, cass-2 ,[::1]:9043,"))
                .containsExactly(
                        InetSocketAddress.createUnresolved("cass-1", 9142),
                        InetSocketAddress.createUnresolved("cass-2", 9042),
                        InetSocketAddress.createUnresolved("::1", 9043));
        assertThatThrownBy(() -> CassandraSettings.parseContactPoints(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAndValidation() {
        InetSocketAddress point = InetSocketAddress.createUnresolved("localhost", 9042);
        CassandraSettings settings = CassandraSettings.of(point, "datacenter1", "klaslijn");

        assertThat(settings.replication()).isEqualTo(CassandraSettings.DEFAULT_REPLICATION);
        assertThat(settings.requestTimeout()).isEqualTo(CassandraSettings.DEFAULT_REQUEST_TIMEOUT);
        assertThat(settings.withRequestTimeout(Duration.ofSeconds(1)).requestTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> settings.withKeyspace("drop table x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withReplication("SimpleStrategy")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withRequestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
