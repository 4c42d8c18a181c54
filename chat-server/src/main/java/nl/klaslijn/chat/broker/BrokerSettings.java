package nl.klaslijn.chat.broker;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one configuration place that chooses the broker engine.
 *
 * <p>Properties ({@link #fromProperties}): {@code klaslijn.chat.broker} = {@code memory} (default) |
 * {@code redis}; {@code klaslijn.redis.uri} (default {@code redis://127.0.0.1:6379});
 * {@code klaslijn.chat.broker.sharded} = {@code auto} (default: sharded pub/sub when the server is Redis 7
 * or later) | {@code on} | {@code off}; {@code klaslijn.chat.broker.channel-prefix} (default {@code kl:});
 * {@code klaslijn.redis.command-timeout} (default {@code 1s}: the bound on a publish, a subscription
 * change and a health ping); {@code klaslijn.chat.broker.health-interval} (default {@code 500ms}: how
 * often the subscriber connection is pinged); {@code klaslijn.redis.max-reconnect-delay} (default
 * {@code 1s}). Durations are ISO-8601 ({@code PT1S}) or a number with {@code ms} or {@code s}.
 *
 * @param channelPrefix put before every channel name on the wire, so deployments can share a Redis
 */
public record BrokerSettings(Engine engine, String redisUri, Sharded sharded, String channelPrefix,
        Duration commandTimeout, Duration healthInterval, Duration maxReconnectDelay) {

    public enum Engine { MEMORY, REDIS }

    /** Whether the Redis engine uses sharded pub/sub (SPUBLISH/SSUBSCRIBE). */
    public enum Sharded { AUTO, ON, OFF }

    public BrokerSettings {
        Objects.requireNonNull(engine);
        Objects.requireNonNull(redisUri);
        Objects.requireNonNull(sharded);
        Objects.requireNonNull(channelPrefix);
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(healthInterval, "healthInterval");
        requirePositive(maxReconnectDelay, "maxReconnectDelay");
    }

    /** The in-memory engine (single node). */
    public static BrokerSettings memory() {
        return new BrokerSettings(Engine.MEMORY, "redis://127.0.0.1:6379", Sharded.AUTO, "kl:",
                Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    /** The Redis engine at {@code redisUri}, other settings at their defaults. */
    public static BrokerSettings redis(String redisUri) {
        return memory().withEngine(Engine.REDIS).withRedisUri(redisUri);
    }

    /** Reads the properties listed above; {@code lookup} returns null for an unset property. */
    public static BrokerSettings fromProperties(Function<String, @Nullable String> lookup) {
        BrokerSettings defaults = memory();
        return new BrokerSettings(
                Engine.valueOf(value(lookup, "klaslijn.chat.broker", "memory").toUpperCase(Locale.ROOT)),
                value(lookup, "klaslijn.redis.uri", defaults.redisUri()),
                Sharded.valueOf(value(lookup, "klaslijn.chat.broker.sharded", "auto").toUpperCase(Locale.ROOT)),
                value(lookup, "klaslijn.chat.broker.channel-prefix", defaults.channelPrefix()),
                duration(lookup, "klaslijn.redis.command-timeout", defaults.commandTimeout()),
                duration(lookup, "klaslijn.chat.broker.health-interval", defaults.healthInterval()),
                duration(lookup, "klaslijn.redis.max-reconnect-delay", defaults.maxReconnectDelay()));
    }

    public BrokerSettings withEngine(Engine value) {
        return new BrokerSettings(value, redisUri, sharded, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay);
    }

    public BrokerSettings withRedisUri(String value) {
        return new BrokerSettings(engine, value, sharded, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay);
    }

    public BrokerSettings withSharded(Sharded value) {
        return new BrokerSettings(engine, redisUri, value, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay);
    }

    public BrokerSettings withChannelPrefix(String value) {
        return new BrokerSettings(engine, redisUri, sharded, value, commandTimeout, healthInterval, maxReconnectDelay);
    }

    public BrokerSettings withCommandTimeout(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, value, healthInterval, maxReconnectDelay);
    }

    public BrokerSettings withHealthInterval(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, value, maxReconnectDelay);
    }

    public BrokerSettings withMaxReconnectDelay(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval, value);
    }

    private static String value(Function<String, @Nullable String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static Duration duration(Function<String, @Nullable String> lookup, String key, Duration fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
        }
        if (text.endsWith("s") && !text.startsWith("p")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).strip()));
        }
        return Duration.parse(value.strip());
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
