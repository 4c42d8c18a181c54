package nl.klaslijn.portal.app;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code klaslijn.jobs.*} settings: which engine carries the notification jobs (docs/events.md, "Notification
 * jobs"; docs/operations.md).
 *
 * @param engine {@code memory} (one node; jobs live as long as the process) or {@code redis} (Redis Streams)
 * @param redis where Redis is, for engine {@code redis}
 */
@ConfigurationProperties("klaslijn.jobs")
public record JobsProperties(@DefaultValue("memory") Engine engine, @DefaultValue Redis redis) {

    public enum Engine { MEMORY, REDIS }

    /** @param uri {@code redis://host:port} (Lettuce's URI syntax; {@code rediss://} for TLS); required for redis */
    public record Redis(@Nullable String uri) {}
}
