package nl.klaslijn.common.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import java.time.Duration;
import java.util.List;

/**
 * Opens driver sessions configured in code (no {@code application.conf} needed; one there still
 * applies to options not set here).
 *
 * <p>Both kinds of session:
 *
 * <ul>
 *   <li>prefer nodes of {@link CassandraSettings#localDatacenter()};
 *   <li>read and write at {@code LOCAL_QUORUM} (with replication factor 1 that is one replica), LWT
 *       serial phase at {@code SERIAL};
 *   <li>treat statements as NOT idempotent unless marked (the driver default): only statements
 *       marked {@code setIdempotent(true)} are retried or speculatively executed, since counter
 *       updates, list appends and LWTs must never run twice;
 *   <li>close without Netty's 2 s quiet period.
 * </ul>
 *
 * <p>Sessions bound to a keyspace ({@link #open}) also keep two connections per local node and limit
 * requests in flight to {@link #MAX_CONCURRENT_REQUESTS}, queueing up to {@link #MAX_QUEUED_REQUESTS}
 * more, so bursts wait instead of failing.
 */
public final class CassandraSessions {

    /** Execution profile for schema changes and other slow requests: {@link #DDL_TIMEOUT}. */
    public static final String DDL_PROFILE = "ddl";

    /** DDL waits for schema agreement and can exceed the usual timeouts (DROP KEYSPACE: over 2 s). */
    public static final Duration DDL_TIMEOUT = Duration.ofSeconds(10);

    /** Requests in flight per session (two connections of 1,024 stream ids each leave room for retries). */
    public static final int MAX_CONCURRENT_REQUESTS = 1024;

    /** Requests waiting for a slot before new ones fail with RequestThrottlingException. */
    public static final int MAX_QUEUED_REQUESTS = 50_000;

    private CassandraSessions() {}

    /**
     * A session bound to {@link CassandraSettings#keyspace()}, which must exist (run the {@link
     * SchemaMigrator} first). Schema metadata is kept (token-aware routing needs it) but only for
     * this keyspace and with a 100 ms debounce instead of 1 s, so an occasional DDL statement takes
     * tens of milliseconds, not 1-2 s. Run DDL with the {@value #DDL_PROFILE} profile.
     */
    public static CqlSession open(CassandraSettings settings) {
        return CqlSession.builder()
                .addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDatacenter())
                .withKeyspace(CqlIdentifier.fromCql(settings.keyspace()))
                .withConfigLoader(sessionConfig(settings))
                .build();
    }

    /** The driver configuration of {@link #open} sessions. */
    static DriverConfigLoader sessionConfig(CassandraSettings settings) {
        return common(settings)
                // A burst (thousands of clients reconnecting at once) queues here instead of failing at once
                // with "no connection available" when one connection's 1,024 stream ids are all in use.
                .withString(DefaultDriverOption.REQUEST_THROTTLER_CLASS, "ConcurrencyLimitingRequestThrottler")
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS)
                .withInt(DefaultDriverOption.REQUEST_THROTTLER_MAX_QUEUE_SIZE, MAX_QUEUED_REQUESTS)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(keyspaceName(settings)))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(100))
                .build();
    }

    /**
     * A session for schema changes (migrations, test setup): not bound to a keyspace (it may not
     * exist yet), every request with {@link #DDL_TIMEOUT}, and no schema or token metadata (DDL then
     * takes 30-60 ms instead of 1-2 s; call {@link CqlSession#checkSchemaAgreement()} after DDL on
     * a multi-node cluster, as {@link SchemaMigrator} does).
     */
    public static CqlSession openForSchemaChanges(CassandraSettings settings) {
        DriverConfigLoader config = common(settings)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, max(DDL_TIMEOUT, settings.requestTimeout()))
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                .build();
        return CqlSession.builder()
                .addContactPoints(settings.contactPoints())
                .withLocalDatacenter(settings.localDatacenter())
                .withConfigLoader(config)
                .build();
    }

    private static ProgrammaticDriverConfigLoaderBuilder common(CassandraSettings settings) {
        return secured(DriverConfigLoader.programmaticBuilder(), settings.security())
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM.name())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, DefaultConsistencyLevel.SERIAL.name())
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, false)
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .startProfile(DDL_PROFILE)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, max(DDL_TIMEOUT, settings.requestTimeout()))
                .endProfile();
    }

    /**
     * Authentication (the driver's PlainTextAuthProvider: a role and its password) and TLS (the driver's
     * DefaultSslEngineFactory: JKS or PKCS12 trust and key stores, hostname verification) as the settings ask.
     */
    static ProgrammaticDriverConfigLoaderBuilder secured(ProgrammaticDriverConfigLoaderBuilder builder,
            CassandraSecurity security) {
        if (security.username() != null && security.password() != null) {
            builder.withString(DefaultDriverOption.AUTH_PROVIDER_CLASS, "PlainTextAuthProvider")
                    .withString(DefaultDriverOption.AUTH_PROVIDER_USER_NAME, security.username())
                    .withString(DefaultDriverOption.AUTH_PROVIDER_PASSWORD, security.password());
        }
        if (security.tls()) {
            builder.withString(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, "DefaultSslEngineFactory")
                    .withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, security.hostnameVerification());
            if (security.truststore() != null) {
                builder.withString(DefaultDriverOption.SSL_TRUSTSTORE_PATH, security.truststore().toString());
                if (security.truststorePassword() != null) {
                    builder.withString(DefaultDriverOption.SSL_TRUSTSTORE_PASSWORD, security.truststorePassword());
                }
            }
            if (security.keystore() != null) {
                builder.withString(DefaultDriverOption.SSL_KEYSTORE_PATH, security.keystore().toString());
                if (security.keystorePassword() != null) {
                    builder.withString(DefaultDriverOption.SSL_KEYSTORE_PASSWORD, security.keystorePassword());
                }
            }
        }
        return builder;
    }

    /** The keyspace as Cassandra stores it (unquoted identifiers are lower-cased). */
    static String keyspaceName(CassandraSettings settings) {
        return CqlIdentifier.fromCql(settings.keyspace()).asInternal();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
