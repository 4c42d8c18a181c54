package nl.klaslijn.portal.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code klaslijn.*} configuration of portal-api (defaults in application.yml; every key can be set by
 * environment variable, e.g. {@code KLASLIJN_AUTH_TOKEN_SIGNING_KEY}).
 */
@ConfigurationProperties("klaslijn")
public record PortalProperties(Auth auth, Onboarding onboarding, PasswordReset passwordReset, Limits limits,
        Mail mail, Portal portal, Cassandra cassandra, Chat chat) {

    /**
     * Credentials and tokens.
     *
     * @param tokenSigningKey EC P-256 private key (PEM or JWK) access tokens are signed with (ES256); the chat server
     *     holds its public key ({@code klaslijn.chat.token-verification-keys}). Checked by {@code app.PortalKeys}
     * @param lookupKey base64 HMAC key for the e-mail lookup hash (32 random bytes); never change it once accounts exist
     */
    public record Auth(String tokenSigningKey, String lookupKey, Duration accessTokenLifetime,
            Duration refreshTokenLifetime) {}

    /** Registration tokens: how long they are valid, and how many redemption attempts a client and a prefix get. */
    public record Onboarding(Duration tokenLifetime) {}

    /** Password reset by e-mail link: how long a link works. */
    public record PasswordReset(Duration tokenLifetime) {}

    /**
     * Outgoing e-mail (the SMTP server itself is {@code spring.mail.*}).
     *
     * @param from the sender address of every mail portal-api sends
     */
    public record Mail(String from) {}

    /**
     * The portal as its users reach it.
     *
     * @param publicUrl the web app's base URL (no trailing slash), for links in e-mails
     */
    public record Portal(String publicUrl) {}

    /**
     * Guessing limits (token buckets, per node, in memory).
     *
     * @param attemptsPerMinute sustained attempts per key (client address, token prefix or e-mail)
     * @param burst attempts a key may make at once
     * @param maxBodyBytes largest request body accepted
     * @param maxImportBytes largest body of a CSV import ({@code POST /api/schools/{id}/imports}) only
     */
    public record Limits(int attemptsPerMinute, int burst, int maxBodyBytes, int maxImportBytes) {}

    /** Where Cassandra is, and whether to start a local node first. */
    public record Cassandra(List<String> contactPoints, String localDatacenter, String keyspace, String replication,
            Embedded embedded) {}

    /** A local Cassandra node started (and stopped) with the application. */
    public record Embedded(boolean enabled, Path dataDirectory, int port, String heap) {}

    /**
     * The chat server, as the chat sync reaches it.
     *
     * @param internalUrl base URL of the chat server's HTTP port (its {@code /internal/v1} API)
     */
    public record Chat(URI internalUrl, Sync sync) {}

    /**
     * The chat sync's reconciler (docs/portal-api.md, "Chat sync").
     *
     * @param enabled false: no work is recorded and nothing is sent to the chat server
     * @param interval time between reconciler passes while there is no failure
     * @param maxBackoff longest wait after repeated failures (the wait doubles from {@code interval} up to this)
     * @param requestTimeout limit of one HTTP call to the chat server (connecting included)
     * @param lease how long one instance may work on one item before another may take over
     * @param sweepInterval how often every group and person of every school is re-checked (self-healing)
     */
    public record Sync(boolean enabled, Duration interval, Duration maxBackoff, Duration requestTimeout, Duration lease,
            Duration sweepInterval) {}
}
