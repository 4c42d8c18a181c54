package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import nl.klaslijn.portal.crypto.Hashing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Password reset by e-mail link, end to end through a real SMTP server (GreenMail on loopback). */
class PasswordResetIT extends PortalIT {

    private static final Pattern LINK = Pattern.compile("(\\S+)/password-reset#token=([A-Za-z0-9_-]{43})");
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Autowired
    CqlSession session;

    private SchoolFixture.Member parent;

    @BeforeEach
    void parent() {
        SchoolFixture school = school("Reset");
        parent = school.parentOfNewPupil(school.group("5A"), "Sanne", new UUID[1]);
    }

    private Api.Response request(String email) {
        return api.post("/api/auth/password-reset", null, Map.of("email", email));
    }

    private Api.Response complete(String token, String password) {
        return api.post("/api/auth/password-reset/complete", null, Map.of("token", token, "newPassword", password));
    }

    private Api.Response login(String password) {
        return api.post("/api/auth/login", null, Map.of("email", parent.email(), "password", password));
    }

    /** Waits for the {@code n}-th mail to {@code address} and returns the token of its link. */
    private static String tokenFromMail(String address, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(address).size() >= n);
        MimeMessage mail = TestMail.to(address).get(n - 1);
        Matcher link = LINK.matcher(TestMail.text(mail));
        assertThat(link.find()).as("a reset link in the mail").isTrue();
        assertThat(link.group(1)).isEqualTo("http://127.0.0.1:8080");
        return link.group(2);
    }

    @Test
    void theMailedLinkSetsTheNewPasswordOnceAndEndsEverySession() {
        Api.Response accepted = request(parent.email());
        assertThat(accepted.status()).isEqualTo(202);
        String token = tokenFromMail(parent.email(), 1);

        Api.Response done = complete(token, NEW_PASSWORD);

        assertThat(done.status()).as(done.body().toString()).isEqualTo(204);
        assertThat(login(NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(login(SchoolFixture.PASSWORD).status()).isEqualTo(401);
        Api.Response oldSession = api.post("/api/auth/refresh", null, Map.of("refreshToken", parent.refreshToken()));
        assertThat(oldSession.status()).isEqualTo(401);
        assertThat(oldSession.problem()).isEqualTo("refresh-revoked");
        Api.Response again = complete(token, "yet another passphrase");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("reset-token-used");
        assertThat(login(NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theTokenIsStoredOnlyAsItsHash() {
        request(parent.email());
        String token = tokenFromMail(parent.email(), 1);

        assertThat(session.execute("SELECT account_id FROM password_reset_tokens WHERE token_hash = ?",
                Hashing.sha256(token)).one().getUuid(0)).isEqualTo(parent.accountId());
        assertThat(session.execute("SELECT account_id FROM password_reset_tokens WHERE token_hash = ?",
                ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8))).one()).isNull();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        String unknown = SchoolFixture.email();

        Api.Response forUnknown = request(unknown);
        Api.Response forKnown = request(parent.email());

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forUnknown.raw().body()).isEqualTo(forKnown.raw().body());
        assertThat(forUnknown.contentType()).isEqualTo(forKnown.contentType());
        // Requests are handled in order on one background thread: once the later mail is there, the earlier
        // request has been handled too.
        tokenFromMail(parent.email(), 1);
        assertThat(TestMail.to(unknown)).isEmpty();
    }

    @Test
    void anExpiredLinkIsRefused() {
        request(parent.email());
        String token = tokenFromMail(parent.email(), 1);
        clock.advance(Duration.ofMinutes(61));

        Api.Response late = complete(token, NEW_PASSWORD);

        assertThat(late.status()).isEqualTo(410);
        assertThat(late.problem()).isEqualTo("reset-token-expired");
        clock.reset();
        assertThat(login(SchoolFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aGuessedTokenIsRefusedAndAnOlderLinkDiesWithTheReset() {
        request(parent.email());
        String first = tokenFromMail(parent.email(), 1);
        request(parent.email());
        String second = tokenFromMail(parent.email(), 2);

        assertThat(complete("A".repeat(43), NEW_PASSWORD).problem()).isEqualTo("reset-token-unknown");
        assertThat(complete(second, NEW_PASSWORD).status()).isEqualTo(204);
        Api.Response older = complete(first, "some other passphrase");

        assertThat(older.status()).isEqualTo(410);
        assertThat(older.problem()).isEqualTo("reset-token-revoked");
    }

    @Test
    void weakOrMissingInputIsRejectedWithoutEchoingIt() {
        Api.Response shortPassword = complete("A".repeat(43), "short");
        Api.Response notAnAddress = request("not an address");

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.body().toString()).doesNotContain("short\"");
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(List.of(shortPassword.problem(), notAnAddress.problem())).containsOnly("invalid-request");
    }
}
