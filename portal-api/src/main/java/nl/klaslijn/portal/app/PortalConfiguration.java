package nl.klaslijn.portal.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import nl.klaslijn.common.auth.AccessTokens;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wires portal-api's shared beans: (optionally) a local Cassandra node, the migrated session (set {@code portal}),
 * the access-token issuer, the password encoder and the clock. Beans close in reverse order on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "klaslijn.cassandra.embedded.enabled", havingValue = "true")
    CassandraNode embeddedCassandra(PortalProperties properties) {
        PortalProperties.Embedded embedded = properties.cassandra().embedded();
        return CassandraNode.startLocal(embedded.dataDirectory(), embedded.port(), embedded.heap());
    }

    @Bean
    CassandraSettings cassandraSettings(PortalProperties properties, ObjectProvider<CassandraNode> embedded) {
        PortalProperties.Cassandra c = properties.cassandra();
        CassandraNode local = embedded.getIfAvailable();
        return CassandraSettings.of(local == null ? null : local.contactPoint(), c.contactPoints(), c.localDatacenter(),
                c.keyspace(), c.replication());
    }

    @Bean(destroyMethod = "close")
    CqlSession cqlSession(CassandraSettings settings) {
        SchemaMigrator.run(settings, "portal");
        return CassandraSessions.open(settings);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AccessTokens accessTokens(PortalProperties properties, Clock clock) {
        return new AccessTokens(properties.auth().tokenSigningKey().getBytes(StandardCharsets.UTF_8), clock);
    }

    /**
     * Argon2id, 16-byte salt, 32-byte hash, one lane, memory and passes from {@code klaslijn.logins} (at least the OWASP
     * minimum, m = 19 MiB, t = 2). The parameters are encoded in each stored hash, so older hashes still verify and
     * {@code upgradeEncoding} tells which ones to re-hash on login.
     */
    @Bean
    PasswordEncoder passwordEncoder(LoginProperties logins) {
        return new Argon2PasswordEncoder(16, 32, 1, logins.argon2MemoryKib(), logins.argon2Iterations());
    }
}
