package nl.klaslijn.chat.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsToTheMemoryEngine() {
        BrokerSettings settings = BrokerSettings.fromProperties(Map.<String, String>of()::get);

        assertThat(settings).isEqualTo(BrokerSettings.memory());
        assertThat(Brokers.create(settings, new Recorder())).isInstanceOf(MemoryBroker.class);
    }

    @Test
    void readsTheRedisEngineFromOneConfigurationPlace() {
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "klaslijn.chat.broker", "redis",
                "klaslijn.redis.uri", "redis://127.0.0.1:7001",
                "klaslijn.chat.broker.sharded", "off",
                "klaslijn.chat.broker.channel-prefix", "school:",
                "klaslijn.redis.command-timeout", "250ms",
                "klaslijn.chat.broker.health-interval", "PT2S",
                "klaslijn.redis.max-reconnect-delay", "3s"));
        properties.putAll(Map.of(
                "klaslijn.chat.broker.failed-probes", "5",
                "klaslijn.redis.request-queue-size", "64",
                "klaslijn.chat.resync.min-interval", "7s",
                "klaslijn.chat.resync.jitter", "1500ms"));

        BrokerSettings settings = BrokerSettings.fromProperties(properties::get);

        assertThat(settings).isEqualTo(new BrokerSettings(BrokerSettings.Engine.REDIS, "redis://127.0.0.1:7001",
                BrokerSettings.Sharded.OFF, "school:", Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3),
                5, 64, Duration.ofSeconds(7), Duration.ofMillis(1500)));
    }

    @Test
    void slowIsNotDownByDefault() {
        BrokerSettings defaults = BrokerSettings.memory();

        assertThat(defaults.failedProbes()).isEqualTo(3);
        assertThat(defaults.resyncMinInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.resyncJitter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.requestQueueSize()).isEqualTo(10_000);
    }

    @Test
    void refusesSettingsThatWouldDisableTheSafeguards() {
        assertThatThrownBy(() -> BrokerSettings.memory().withFailedProbes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failedProbes");
        assertThatThrownBy(() -> BrokerSettings.memory().withRequestQueueSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestQueueSize");
        assertThatThrownBy(() -> BrokerSettings.memory().withResyncJitter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resyncJitter");
        assertThatThrownBy(() -> BrokerSettings.fromProperties(Map.of("klaslijn.chat.broker.failed-probes", "three")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("klaslijn.chat.broker.failed-probes");
    }
}
