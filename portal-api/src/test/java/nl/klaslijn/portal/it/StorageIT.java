package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.crypto.RandomTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What lands in Cassandra: tokens only as hashes, e-mail addresses never as keys, passwords only as Argon2id. */
class StorageIT extends PortalIT {

    @Autowired
    CqlSession session;

    @Autowired
    PortalProperties properties;

    @Test
    void registrationAndRefreshTokensAreStoredOnlyAsTheirHashes() {
        SchoolFixture school = school("Storage");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        String token = school.tokenFor(group, school.guardian(pupil, "Joost"), pupil);
        SchoolFixture.Member parent = school.register(token);

        ByteBuffer tokenHash = Hashing.sha256(RandomTokens.canonical(token));
        Row grant = session.execute("SELECT school_id, used_by FROM registration_tokens WHERE token_hash = ?", tokenHash).one();
        assertThat(grant).isNotNull();
        assertThat(grant.getUuid("used_by")).isEqualTo(parent.accountId());
        assertThat(session.execute("SELECT token_hash FROM refresh_tokens WHERE token_hash = ?",
                Hashing.sha256(parent.refreshToken())).one()).isNotNull();
        assertThat(session.execute("SELECT token_hash FROM refresh_tokens WHERE token_hash = ?",
                ByteBuffer.wrap(parent.refreshToken().getBytes(StandardCharsets.UTF_8))).one()).isNull();
    }

    @Test
    void passwordIsStoredAsArgon2idAndTheEmailOnlyAsAKeyedHash() {
        SchoolFixture school = school("Storage two");
        Row account = session.execute("SELECT password_hash FROM accounts WHERE account_id = ?", school.admin.accountId()).one();
        ByteBuffer emailKey = Hashing.hmacSha256(java.util.Base64.getDecoder().decode(properties.auth().lookupKey().strip()),
                school.admin.email().toLowerCase(Locale.ROOT));

        Row claim = session.execute("SELECT account_id FROM account_emails WHERE email_key = ?", emailKey).one();

        assertThat(account.getString("password_hash")).startsWith("$argon2id$").doesNotContain(SchoolFixture.PASSWORD);
        assertThat(claim).isNotNull();
        assertThat(claim.getUuid(0)).isEqualTo(school.admin.accountId());
    }

    @Test
    void failedLoginWritesNoSession() {
        SchoolFixture school = school("Storage three");
        long before = families(school.admin.accountId());

        assertThat(api.post("/api/auth/login", null, Map.of("email", school.admin.email(), "password", "wrong password")).status())
                .isEqualTo(401);

        assertThat(families(school.admin.accountId())).isEqualTo(before);
    }

    private long families(UUID accountId) {
        return session.execute("SELECT count(*) FROM refresh_families WHERE account_id = ?", accountId).one().getLong(0);
    }
}
