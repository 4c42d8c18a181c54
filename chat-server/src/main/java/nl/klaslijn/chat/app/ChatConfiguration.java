package nl.klaslijn.chat.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.nodes.NodeSettings;
import nl.klaslijn.chat.retention.RetentionSettings;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.core.SessionLimits;
import nl.klaslijn.chat.edge.EdgeSettings;
import nl.klaslijn.chat.edge.EdgeTransport;
import nl.klaslijn.common.cassandra.CassandraSecurity;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Wires a chat node: (optionally) a local Cassandra node, the migrated session, and the {@link ChatServer}.
 * Beans close in reverse order on shutdown: the edge first, then the session, then the local node.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    /** Declared first, so a missing or refused key stops the start before Cassandra is touched. */
    @Bean
    ChatTokenKeys chatTokenKeys(Environment environment) {
        return ChatTokenKeys.from(environment);
    }

    @Bean
    CassandraSettings cassandraSettings(ChatProperties properties, ObjectProvider<LocalCassandra> embedded,
            Environment environment) {
        ChatProperties.Cassandra c = properties.cassandra();
        LocalCassandra local = embedded.getIfAvailable();
        if (local == null && c.embedded().enabled()) {
            throw new IllegalStateException(LocalCassandra.NOT_IN_THIS_BUILD);
        }
        return CassandraSettings.of(local == null ? null : local.contactPoint(), c.contactPoints(), c.localDatacenter(),
                c.keyspace(), c.replication()).withSecurity(CassandraSecurity.fromProperties(environment::getProperty));
    }

    @Bean(destroyMethod = "close")
    CqlSession cqlSession(CassandraSettings settings) {
        SchemaMigrator.run(settings, "chat");
        return CassandraSessions.open(settings);
    }

    @Bean(destroyMethod = "close")
    ChatServer chatServer(ChatProperties properties, ChatTokenKeys keys, CqlSession session, Environment environment) {
        ChatProperties.Chat chat = properties.chat();
        EdgeSettings edge = EdgeSettings.builder()
                .host(chat.host())
                .port(chat.port())
                .webSocketPath(chat.path())
                .allowedOrigins(new ArrayList<>(chat.allowedOrigins()))
                .sendsPerSecond(chat.sendsPerSecond())
                .sendBurst(chat.sendBurst())
                .maxFrameBytes(chat.maxFrameBytes())
                .transport(EdgeTransport.parse(environment.getProperty("klaslijn.chat.transport", "auto")))
                .ioThreads(environment.getProperty("klaslijn.chat.io-threads", Integer.class, 0))
                .framesPerSecond(environment.getProperty("klaslijn.chat.frames-per-second", Double.class, 20.0))
                .frameBurst(environment.getProperty("klaslijn.chat.frame-burst", Integer.class, 100))
                .build();
        EdgeSettings internalApi = EdgeSettings.builder()
                .host(environment.getProperty("klaslijn.chat.internal.host", "127.0.0.1"))
                .port(environment.getProperty("klaslijn.chat.internal.port", Integer.class, 8090))
                .transport(edge.transport())
                .ioThreads(1)
                .build();
        ChatSettings settings = new ChatSettings(chat.nodeId(), keys.verificationKeys(),
                chat.bucketWidth(), chat.membershipCacheTtl(), edge)
                .withTokenMaxLifetime(keys.maxLifetime())
                .withInternalApi(internalApi)
                .withBroker(BrokerSettings.fromProperties(environment::getProperty))
                .withRevocationWindow(environment.getProperty("klaslijn.chat.revocation-window", Duration.class,
                        Duration.ofDays(1)))
                .withPresenceNodeTimeout(environment.getProperty("klaslijn.chat.presence-node-timeout", Duration.class,
                        Duration.ofSeconds(15)))
                .withNodes(new NodeSettings(
                        environment.getProperty("klaslijn.chat.node-lease-ttl", Duration.class,
                                NodeSettings.DEFAULTS.leaseTtl()),
                        environment.getProperty("klaslijn.chat.max-clock-skew", Duration.class,
                                NodeSettings.DEFAULTS.maxClockSkew()),
                        environment.getProperty("klaslijn.chat.clock-check", Boolean.class, true)))
                .withSessionLimits(new SessionLimits(
                        environment.getProperty("klaslijn.chat.max-in-flight", Integer.class,
                                SessionLimits.DEFAULT_MAX_IN_FLIGHT),
                        environment.getProperty("klaslijn.chat.max-connections-per-user", Integer.class,
                                SessionLimits.DEFAULT_MAX_CONNECTIONS_PER_USER),
                        (int) environment.getProperty("klaslijn.chat.sync-reply-bytes", DataSize.class,
                                DataSize.ofBytes(SessionLimits.DEFAULT_SYNC_REPLY_BYTES)).toBytes()))
                .withRetention(new RetentionSettings(
                        environment.getProperty("klaslijn.chat.retention.default-days", Integer.class,
                                RetentionSettings.DEFAULT_DAYS),
                        environment.getProperty("klaslijn.chat.retention.sweep-interval", Duration.class,
                                Duration.ofHours(6))));
        return ChatServer.start(settings, session, Clock.systemUTC());
    }
}
