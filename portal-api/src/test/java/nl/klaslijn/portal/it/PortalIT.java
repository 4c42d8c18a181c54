package nl.klaslijn.portal.it;

import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;
import nl.klaslijn.devstack.cassandra.CassandraNode;
import nl.klaslijn.devstack.cassandra.TestCassandra;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of portal-api's integration tests: the real application on a random port, against the suite's real
 * Cassandra node ({@link TestCassandra}, keyspace {@code portal_it}), with a clock tests can move. All subclasses share
 * one application context; each test builds schools of its own, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Test keys (random bytes, not the dev profile's): the lookup key and the medical key stay fixed, so data
        // sealed or hashed in an earlier run of the shared node still opens.
        "klaslijn.auth.lookup-key=" + PortalIT.LOOKUP_KEY,
        "klaslijn.crypto.medical-key=" + PortalIT.MEDICAL_KEY,
        "klaslijn.limits.attempts-per-minute=100000",
        "klaslijn.limits.burst=100000",
        // These tests share two cores with Cassandra and the build: a request waits for a password-hashing permit
        // instead of answering 503 server-busy (LoginProtectionIT tests server-busy with settings of its own).
        "klaslijn.logins.hashing-wait=30s",
        // Off here: these tests have no chat server (ChatSyncIT switches it on against a real one).
        "klaslijn.chat.sync.enabled=false",
        // Likewise the event relay (events stay in the outbox); PortalEventRelayIT switches it on against a stand-in.
        "klaslijn.events.relay.enabled=false",
        "logging.level.nl.klaslijn=WARN"
})
@Import(TestClockConfiguration.class)
abstract class PortalIT {

    /** portal-api's token key in these tests, generated per run; the chat node ({@link ChatNode}) gets its public half. */
    static final SigningKey SIGNING_KEY = SigningKey.generate();
    static final String LOOKUP_KEY = "Tts5LpEJSGau7TF/BzqlerpJypX4f2sVRI7BsX3QpvQ=";
    static final String MEDICAL_KEY = "Eoflsq3ztHnDigmFFXiOQ1DfvL2q3Qyr3SRfc1pktQQ=";

    @DynamicPropertySource
    static void cassandra(DynamicPropertyRegistry registry) {
        registry.add("klaslijn.auth.token-signing-key", SIGNING_KEY::privateKeyPem);
        registry.add("klaslijn.cassandra.contact-points", () -> {
            CassandraNode node = TestCassandra.shared();
            return node.contactPoint().getHostString() + ":" + node.contactPoint().getPort();
        });
        registry.add("klaslijn.cassandra.local-datacenter", () -> TestCassandra.shared().localDatacenter());
        registry.add("klaslijn.cassandra.keyspace", () -> "portal_it");
        registry.add("klaslijn.cassandra.embedded.enabled", () -> "false");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestMail.shared().getSmtp().getPort());
    }

    @LocalServerPort
    int port;

    @Autowired
    TokenSigner signer;

    @Autowired
    TokenVerifier verifier;

    @Autowired
    MutableClock clock;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
        clock.reset();
    }

    /** The platform operator's service token for the portal (as an operator would mint it with portal-api's key). */
    String operatorToken() {
        return signer.issue(UUID.randomUUID(), new UUID(0, 0), EnumSet.of(Role.SERVICE), TokenAudience.PORTAL,
                Duration.ofMinutes(5));
    }

    SchoolFixture school(String name) {
        return new SchoolFixture(api, operatorToken(), name);
    }
}
