package nl.klaslijn.chat.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.klaslijn.chat.ChatServer;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.chat.retention.RetentionSettings;
import nl.klaslijn.chat.broker.BrokerSettings;
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

/**
 * Wires a chat node: (optionally) a local Cassandra node, the migrated session, and the {@link ChatServer}.
 * Beans close in reverse order on shutdown: the edge first, then the session, then the local node.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

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
    ChatServer chatServer(ChatProperties properties, CqlSession session, Environment environment) {
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
                .build();
        ChatSettings settings = new ChatSettings(chat.nodeId(), chat.tokenSigningKey().getBytes(StandardCharsets.UTF_8),
                chat.bucketWidth(), chat.membershipCacheTtl(), edge)
                .withBroker(BrokerSettings.fromProperties(environment::getProperty))
                .withRevocationWindow(environment.getProperty("klaslijn.chat.revocation-window", Duration.class,
                        Duration.ofDays(1)))
                .withPresenceNodeTimeout(environment.getProperty("klaslijn.chat.presence-node-timeout", Duration.class,
                        Duration.ofSeconds(15)))
                .withRetention(new RetentionSettings(
                        environment.getProperty("klaslijn.chat.retention.default-days", Integer.class,
                                RetentionSettings.DEFAULT_DAYS),
                        environment.getProperty("klaslijn.chat.retention.sweep-interval", Duration.class,
                                Duration.ofHours(6))));
        return ChatServer.start(settings, session, Clock.systemUTC());
    }
}
