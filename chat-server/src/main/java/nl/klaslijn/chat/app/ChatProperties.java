package nl.klaslijn.chat.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code klaslijn.*} configuration of a chat node (defaults in application.yml; every key can be set
 * by environment variable, e.g. {@code KLASLIJN_CHAT_PORT}).
 */
@ConfigurationProperties("klaslijn")
public record ChatProperties(Chat chat, Cassandra cassandra) {

    /** The node and its transport. */
    public record Chat(int nodeId, String host, int port, String path, List<String> allowedOrigins,
            Duration bucketWidth, Duration membershipCacheTtl, double sendsPerSecond,
            int sendBurst, int maxFrameBytes) {}

    /** Where Cassandra is, and whether to start a local node first. */
    public record Cassandra(List<String> contactPoints, String localDatacenter, String keyspace, String replication,
            Embedded embedded) {}

    /** A local Cassandra node started (and stopped) with the application. */
    public record Embedded(boolean enabled, Path dataDirectory, int port, String heap) {}
}
