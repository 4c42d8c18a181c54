package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.klaslijn.portal.crypto.RandomTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Its own application with tight limits: guessing tokens or passwords from one client is cut off with 429. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "klaslijn.auth.lookup-key=" + PortalIT.LOOKUP_KEY,
        "klaslijn.crypto.medical-key=" + PortalIT.MEDICAL_KEY,
        "klaslijn.chat.sync.enabled=false",
        "klaslijn.limits.attempts-per-minute=1",
        "klaslijn.limits.burst=5",
        "logging.level.nl.klaslijn=WARN"
})
class GuessingLimitIT {

    @DynamicPropertySource
    static void cassandra(DynamicPropertyRegistry registry) {
        PortalIT.cassandra(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void guessingFromOneClientIsCutOffWithTooManyAttempts() {
        Api api = new Api(port);
        Map<String, String> body = Map.of("token", RandomTokens.printable(), "email", "guess@example.org",
                "password", "long enough password");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/registrations", null, body).problem()).isEqualTo("token-unknown");
        }

        Api.Response limited = api.post("/api/registrations", null, body);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problem()).isEqualTo("too-many-attempts");
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void repeatedLoginsFromOneClientAreCutOffWithTooManyAttempts() {
        Api api = new Api(port);
        Map<String, String> body = Map.of("email", "nobody@example.org", "password", "not the password");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/login", null, body).status()).isEqualTo(401);
        }

        Api.Response limited = api.post("/api/auth/login", null, body);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problem()).isEqualTo("too-many-attempts");
    }
}
