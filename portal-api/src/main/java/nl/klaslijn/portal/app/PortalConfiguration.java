package nl.klaslijn.portal.app;

import nl.klaslijn.portal.accounts.LoginProperties;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.CryptoProperties;
import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Clock;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;
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
 * the keys, the access-token signer and verifier, the password encoder and the clock. Beans close in reverse order on
 * shutdown.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    /** Declared first, so a missing or refused key stops the start before Cassandra is touched. */
    @Bean
    PortalKeys portalKeys(Environment environment, CryptoProperties crypto) {
        return PortalKeys.from(environment, crypto);
    }

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

    /** Only portal-api signs access tokens (for the portal, the chat and the chat's internal API). */
    @Bean
    TokenSigner tokenSigner(PortalKeys keys, Clock clock) {
        return new TokenSigner(keys.signingKey(), clock, keys.maxLifetime());
    }

    @Bean
    TokenVerifier tokenVerifier(PortalKeys keys, Clock clock) {
        return new TokenVerifier(keys.verificationKeys(), clock, keys.maxLifetime());
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
