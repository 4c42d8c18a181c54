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
 * {@code 1s}); {@code klaslijn.chat.broker.failed-probes} (default {@code 3}); {@code klaslijn.redis.request-queue-size}
 * (default {@code 10000}); {@code klaslijn.chat.resync.min-interval} (default {@code 5s});
 * {@code klaslijn.chat.resync.jitter} (default {@code 3s}). Durations are ISO-8601 ({@code PT1S}) or a
 * number with {@code ms} or {@code s}.
 *
 * @param channelPrefix put before every channel name on the wire, so deployments can share a Redis
 * @param failedProbes how many health pings in a row must fail (time out) before the broker counts as
 *     interrupted; a lost subscriber connection interrupts at once, whatever this says
 * @param requestQueueSize the most commands one Redis connection (broker or presence) holds unanswered;
 *     past it, commands fail at once instead of piling up in memory while Redis is slow
 * @param resyncMinInterval the least time between two {@code resync} events this node sends its clients;
 *     one asked for sooner is sent when the interval is over (never dropped). Zero: no pacing
 * @param resyncJitter the {@code jitterMs} a {@code resync} event carries: clients wait a random time
 *     below it before they sync, so that a node's clients do not all sync at once. Zero: sync at once
 */
public record BrokerSettings(Engine engine, String redisUri, Sharded sharded, String channelPrefix,
        Duration commandTimeout, Duration healthInterval, Duration maxReconnectDelay, int failedProbes,
        int requestQueueSize, Duration resyncMinInterval, Duration resyncJitter) {

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
        if (failedProbes < 1) {
            throw new IllegalArgumentException("failedProbes must be at least 1: " + failedProbes);
        }
        if (requestQueueSize < 1) {
            throw new IllegalArgumentException("requestQueueSize must be at least 1: " + requestQueueSize);
        }
        requireNotNegative(resyncMinInterval, "resyncMinInterval");
        requireNotNegative(resyncJitter, "resyncJitter");
    }

    /** The in-memory engine (single node). */
    public static BrokerSettings memory() {
        return new BrokerSettings(Engine.MEMORY, "redis://127.0.0.1:6379", Sharded.AUTO, "kl:",
                Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1), 3, 10_000, Duration.ofSeconds(5),
                Duration.ofSeconds(3));
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
                duration(lookup, "klaslijn.redis.max-reconnect-delay", defaults.maxReconnectDelay()),
                integer(lookup, "klaslijn.chat.broker.failed-probes", defaults.failedProbes()),
                integer(lookup, "klaslijn.redis.request-queue-size", defaults.requestQueueSize()),
                duration(lookup, "klaslijn.chat.resync.min-interval", defaults.resyncMinInterval()),
                duration(lookup, "klaslijn.chat.resync.jitter", defaults.resyncJitter()));
    }

    public BrokerSettings withEngine(Engine value) {
        return new BrokerSettings(value, redisUri, sharded, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withRedisUri(String value) {
        return new BrokerSettings(engine, value, sharded, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withSharded(Sharded value) {
        return new BrokerSettings(engine, redisUri, value, channelPrefix, commandTimeout, healthInterval, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withChannelPrefix(String value) {
        return new BrokerSettings(engine, redisUri, sharded, value, commandTimeout, healthInterval, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withCommandTimeout(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, value, healthInterval, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withHealthInterval(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, value, maxReconnectDelay,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withMaxReconnectDelay(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval, value,
                failedProbes, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withFailedProbes(int value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval,
                maxReconnectDelay, value, requestQueueSize, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withRequestQueueSize(int value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval,
                maxReconnectDelay, failedProbes, value, resyncMinInterval, resyncJitter);
    }

    public BrokerSettings withResyncMinInterval(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval,
                maxReconnectDelay, failedProbes, requestQueueSize, value, resyncJitter);
    }

    public BrokerSettings withResyncJitter(Duration value) {
        return new BrokerSettings(engine, redisUri, sharded, channelPrefix, commandTimeout, healthInterval,
                maxReconnectDelay, failedProbes, requestQueueSize, resyncMinInterval, value);
    }

    private static String value(Function<String, @Nullable String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static int integer(Function<String, @Nullable String> lookup, String key, int fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number", e);
        }
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

    private static void requireNotNegative(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
