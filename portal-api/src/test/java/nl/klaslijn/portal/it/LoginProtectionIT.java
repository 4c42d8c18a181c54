package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klaslijn.portal.accounts.PasswordHasher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * Logins that cannot be turned into a weapon: the Argon2id parameters of stored hashes, re-hashing weak ones on login,
 * the bound on concurrent hashing, and the progressive delay per address and network. Its own application: one hashing
 * permit with no wait, 3 free failures per network, 6 per address, 1 s doubling, and client addresses taken from
 * {@code X-Forwarded-For} so tests can speak from several networks.
 */
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "klaslijn.logins.hashing-permits=1",
        "klaslijn.logins.hashing-wait=0ms",
        "klaslijn.logins.free-failures=3",
        "klaslijn.logins.base-delay=1s",
        "klaslijn.logins.max-delay=1h",
        "klaslijn.logins.account-free-failures=6",
        "klaslijn.logins.account-max-delay=5s"
})
class LoginProtectionIT extends PortalIT {

    private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    @Autowired
    CqlSession session;

    @Autowired
    PasswordHasher hasher;

    SchoolFixture.Member owner;

    @BeforeEach
    void owner() {
        owner = school("Logins").admin;
    }

    private Api from(String address) {
        return new Api(port, address);
    }

    private Api.Response login(Api client, String password) {
        return client.post("/api/auth/login", null, Map.of("email", owner.email(), "password", password));
    }

    private String storedHash() {
        return session.execute("SELECT password_hash FROM accounts WHERE account_id = ?", owner.accountId()).one()
                .getString(0);
    }

    private static int[] parameters(String hash) {
        Matcher m = PARAMETERS.matcher(hash);
        assertThat(m.find()).as(hash).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    @Test
    void aStoredHashIsArgon2idWithAtLeastTheOwaspMemoryAndPasses() {
        int[] stored = parameters(storedHash());

        assertThat(stored[0]).isGreaterThanOrEqualTo(19456);
        assertThat(stored[1]).isGreaterThanOrEqualTo(2);
        assertThat(stored[2]).isEqualTo(1);
    }

    @Test
    void aWeakOldHashStillVerifiesAndIsUpgradedOnLogin() {
        String weak = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(SchoolFixture.PASSWORD);
        session.execute("UPDATE accounts SET password_hash = ? WHERE account_id = ?", weak, owner.accountId());

        Api.Response first = login(api, SchoolFixture.PASSWORD);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        String upgraded = storedHash();
        assertThat(upgraded).isNotEqualTo(weak);
        assertThat(parameters(upgraded)[0]).isGreaterThanOrEqualTo(19456);
        assertThat(parameters(upgraded)[1]).isGreaterThanOrEqualTo(2);
        assertThat(login(api, SchoolFixture.PASSWORD).status()).isEqualTo(200);
        assertThat(login(api, "not the password").status()).isEqualTo(401);
    }

    @Test
    void loginsBeyondTheHashingPermitsAreAnsweredBusyAndNeverFail() throws Exception {
        int clients = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Api client = from("192.0.2." + (i + 1));
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(client, SchoolFixture.PASSWORD);
                }));
            }
            start.countDown();
            int ok = 0;
            int busy = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                if (r.status() == 200) {
                    ok++;
                    continue;
                }
                assertThat(r.status()).as(r.body().toString()).isEqualTo(503);
                assertThat(r.problem()).isEqualTo("server-busy");
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
                busy++;
            }
            assertThat(ok).isPositive();
            assertThat(busy).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(hasher.permits()).isEqualTo(1);
        assertThat(hasher.peakInUse()).isLessThanOrEqualTo(hasher.permits());
    }

    @Test
    void afterFailuresFromOneNetworkItWaitsLongerEachTimeWhileAnotherNetworkLogsIn() {
        Api attacker = from("2001:db8:1:1::1");
        Api sameSlash64 = from("2001:db8:1:1::beef");
        Api elsewhere = from("198.51.100.7");
        for (int i = 0; i < 3; i++) {
            assertThat(login(attacker, "guess " + i).status()).isEqualTo(401);
        }

        Api.Response delayed = login(sameSlash64, SchoolFixture.PASSWORD);

        assertThat(delayed.status()).isEqualTo(429);
        assertThat(delayed.problem()).isEqualTo("too-many-attempts");
        assertThat(delayed.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(login(elsewhere, SchoolFixture.PASSWORD).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(1));
        assertThat(login(attacker, "guess 3").status()).isEqualTo(401);
        assertThat(retryAfter(login(attacker, "guess 4"))).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        assertThat(login(attacker, "guess 5").status()).isEqualTo(401);
        assertThat(retryAfter(login(attacker, "guess 6"))).isEqualTo(4);

        clock.advance(Duration.ofSeconds(4));
        assertThat(login(sameSlash64, SchoolFixture.PASSWORD).status()).isEqualTo(200);
        assertThat(login(attacker, "a fresh start").status()).isEqualTo(401);
    }

    @Test
    void failuresFromManyNetworksDelayThoseNetworksBoundedlyAndNeverTheOwnerOnAnotherNetwork() {
        for (int i = 0; i < 8; i++) {
            assertThat(login(from("203.0.113." + (i + 1)), "guess " + i).status()).isEqualTo(401);
        }

        Api.Response again = login(from("203.0.113.1"), "guess again");

        assertThat(again.status()).isEqualTo(429);
        assertThat(retryAfter(again)).isBetween(1L, 5L);
        Api.Response owners = login(from("2001:db8:99::1"), SchoolFixture.PASSWORD);
        assertThat(owners.status()).as(owners.body().toString()).isEqualTo(200);
        assertThat(UUID.fromString(owners.text("accountId"))).isEqualTo(owner.accountId());
    }

    private static long retryAfter(Api.Response r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(429);
        assertThat(r.problem()).isEqualTo("too-many-attempts");
        return Long.parseLong(r.raw().headers().firstValue("Retry-After").orElseThrow());
    }
}
