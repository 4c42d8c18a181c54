package nl.klaslijn.common.cassandra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import nl.klaslijn.common.config.SecretSettings;
import org.jspecify.annotations.Nullable;

/**
 * How a service proves who it is to Cassandra and protects the connection (docs/operations.md, "Cassandra").
 *
 * @param username the service's role (PasswordAuthenticator); null = no authentication
 * @param password the role's password; required with a username
 * @param tls encrypt connections (the nodes' {@code client_encryption_options} must be enabled)
 * @param truststore JKS or PKCS12 file with the CA that signed the nodes' certificates; null = the JDK's default trust
 * @param truststorePassword its password (null for none)
 * @param keystore JKS or PKCS12 file with this service's own certificate and key, for nodes that require client
 *     certificates; null = none
 * @param keystorePassword its password (null for none)
 * @param hostnameVerification check that a node's certificate names the address connected to (keep on; off only for
 *     certificates without the nodes' names, which then trusts any certificate the CA signed)
 */
public record CassandraSecurity(@Nullable String username, @Nullable String password, boolean tls,
        @Nullable Path truststore, @Nullable String truststorePassword, @Nullable Path keystore,
        @Nullable String keystorePassword, boolean hostnameVerification) {

    public CassandraSecurity {
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("klaslijn.cassandra.username and klaslijn.cassandra.password (or"
                    + " password-file) go together: set both or neither");
        }
        if (!tls && (truststore != null || keystore != null)) {
            throw new IllegalArgumentException("klaslijn.cassandra.tls.truststore and keystore need"
                    + " klaslijn.cassandra.tls.enabled=true");
        }
        for (Path file : new Path[] {truststore, keystore}) {
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read the Cassandra TLS store " + file);
            }
        }
    }

    /** No authentication, no TLS (a local development node). */
    public static CassandraSecurity none() {
        return new CassandraSecurity(null, null, false, null, null, null, null, true);
    }

    /**
     * Reads the {@code klaslijn.cassandra.*} security settings through {@code property} (e.g. Spring's
     * {@code Environment::getProperty}, which also finds {@code KLASLIJN_CASSANDRA_PASSWORD} and the like in the
     * environment). {@code password-file} (and {@code tls.truststore-password-file}, {@code tls.keystore-password-file})
     * name a file holding the secret, such as a mounted secret; its trailing line break is ignored.
     */
    public static CassandraSecurity fromProperties(Function<String, @Nullable String> property) {
        String truststore = property.apply("klaslijn.cassandra.tls.truststore");
        String keystore = property.apply("klaslijn.cassandra.tls.keystore");
        String verify = property.apply("klaslijn.cassandra.tls.hostname-verification");
        return new CassandraSecurity(blankToNull(property.apply("klaslijn.cassandra.username")),
                secret(property, "klaslijn.cassandra.password"),
                Boolean.parseBoolean(property.apply("klaslijn.cassandra.tls.enabled")),
                truststore == null || truststore.isBlank() ? null : Path.of(truststore),
                secret(property, "klaslijn.cassandra.tls.truststore-password"),
                keystore == null || keystore.isBlank() ? null : Path.of(keystore),
                secret(property, "klaslijn.cassandra.tls.keystore-password"),
                verify == null || verify.isBlank() || Boolean.parseBoolean(verify));
    }

    private static @Nullable String secret(Function<String, @Nullable String> property, String name) {
        return SecretSettings.read(name, property);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** No secret in logs or exception messages. */
    @Override
    public String toString() {
        return "CassandraSecurity[username=" + username + ", password=" + (password == null ? "none" : "***")
                + ", tls=" + tls + ", truststore=" + truststore + ", keystore=" + keystore
                + ", hostnameVerification=" + hostnameVerification + "]";
    }
}
