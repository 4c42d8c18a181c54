package nl.klaslijn.chat.broker;

import static org.assertj.core.api.Assertions.assertThat;

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
        Map<String, String> properties = Map.of(
                "klaslijn.chat.broker", "redis",
                "klaslijn.redis.uri", "redis://127.0.0.1:7001",
                "klaslijn.chat.broker.sharded", "off",
                "klaslijn.chat.broker.channel-prefix", "school:",
                "klaslijn.redis.command-timeout", "250ms",
                "klaslijn.chat.broker.health-interval", "PT2S",
                "klaslijn.redis.max-reconnect-delay", "3s");

        BrokerSettings settings = BrokerSettings.fromProperties(properties::get);

        assertThat(settings).isEqualTo(new BrokerSettings(BrokerSettings.Engine.REDIS, "redis://127.0.0.1:7001",
                BrokerSettings.Sharded.OFF, "school:", Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3)));
    }
}
