package nl.klaslijn.portal.events;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import nl.klaslijn.common.jobs.JobQueue;
import nl.klaslijn.portal.config.PortalProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events feature's beans: its own migration set ({@code db/cassandra/portal-events/}, applied before the store
 * prepares its statements), the outbox store, and the relay (unless {@code klaslijn.events.relay.enabled} is false).
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    static final String MIGRATION_SET = "portal-events";

    @Bean
    OutboxStore outboxStore(CassandraSettings settings, CqlSession session) {
        SchemaMigrator.run(settings, MIGRATION_SET);
        return new OutboxStore(session);
    }

    @Bean
    @ConditionalOnProperty(prefix = "klaslijn.events.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
    EventRelay eventRelay(OutboxStore store, PortalProperties properties, TokenSigner tokens, JobQueue jobs, Clock clock,
            EventProperties events) {
        return new EventRelay(store, new ChatEventsClient(properties, tokens), jobs, clock, events);
    }
}
