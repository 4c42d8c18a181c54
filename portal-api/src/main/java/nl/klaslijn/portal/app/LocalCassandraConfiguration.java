package nl.klaslijn.portal.app;

import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the local Cassandra node when asked to and devstack is on the class path (the local start). The condition on
 * the class is checked before this class is loaded, so the production jar, which has no devstack, never touches it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "nl.klaslijn.devstack.cassandra.CassandraNode")
class LocalCassandraConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "klaslijn.cassandra.embedded.enabled", havingValue = "true")
    LocalCassandra localCassandra(PortalProperties properties) {
        PortalProperties.Embedded embedded = properties.cassandra().embedded();
        CassandraNode node = CassandraNode.startLocal(embedded.dataDirectory(), embedded.port(), embedded.heap());
        return new LocalCassandra(node.contactPoint(), node);
    }
}
