package nl.klaslijn.portal.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import nl.klaslijn.common.auth.AccessTokens;
import nl.klaslijn.common.cassandra.CassandraSecurity;
import nl.klaslijn.common.cassandra.CassandraSessions;
import nl.klaslijn.common.cassandra.CassandraSettings;
import nl.klaslijn.common.cassandra.SchemaMigrator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wires portal-api's shared beans: (optionally) a local Cassandra node, the migrated session (set {@code portal}),
 * the access-token issuer, the password encoder and the clock. Beans close in reverse order on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    @Bean
    CassandraSettings cassandraSettings(PortalProperties properties, ObjectProvider<LocalCassandra> embedded,
            Environment environment) {
        PortalProperties.Cassandra c = properties.cassandra();
        LocalCassandra local = embedded.getIfAvailable();
        if (local == null && c.embedded().enabled()) {
            throw new IllegalStateException(LocalCassandra.NOT_IN_THIS_BUILD);
        }
        return CassandraSettings.of(local == null ? null : local.contactPoint(), c.contactPoints(), c.localDatacenter(),
                c.keyspace(), c.replication()).withSecurity(CassandraSecurity.fromProperties(environment::getProperty));
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

    /** Argon2id with Spring Security's current defaults (16 MiB, 2 iterations, parallelism 1). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
