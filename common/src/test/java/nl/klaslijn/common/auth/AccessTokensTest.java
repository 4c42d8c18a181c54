package nl.klaslijn.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final AccessTokens tokens = new AccessTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final UUID user = UUID.randomUUID();
    private final UUID school = UUID.randomUUID();

    @Test
    void verifiesWhatItIssued() throws Exception {
        String token = tokens.issue(user, school, Set.of(Role.TEACHER), Duration.ofMinutes(5));
        AccessToken verified = tokens.verify(token);
        assertThat(verified.userId()).isEqualTo(user);
        assertThat(verified.schoolId()).isEqualTo(school);
        assertThat(verified.roles()).containsExactly(Role.TEACHER);
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void carriesTheSessionIdWhenIssuedWithOne() throws Exception {
        UUID sid = UUID.randomUUID();
        assertThat(tokens.verify(tokens.issue(user, school, Set.of(Role.PARENT), Duration.ofMinutes(5), sid)).sessionId())
                .isEqualTo(sid);
        assertThat(tokens.verify(tokens.issue(user, school, Set.of(Role.PARENT), Duration.ofMinutes(5))).sessionId())
                .isNull();
    }

    @Test
    void rejectsExpiredToken() {
        AccessTokens past = new AccessTokens(KEY, Clock.fixed(NOW.minusSeconds(3600), ZoneOffset.UTC));
        String token = past.issue(user, school, Set.of(Role.PARENT), Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class).hasMessage("token expired");
    }

    @Test
    void rejectsTokenSignedWithAnotherKey() {
        AccessTokens other = new AccessTokens("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String token = other.issue(user, school, Set.of(Role.PARENT), Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.verify(token)).hasMessage("token signature invalid");
    }

    @Test
    void rejectsTamperedClaims() {
        String token = tokens.issue(user, school, Set.of(Role.PARENT), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        String forged = tokens.issue(UUID.randomUUID(), school, Set.of(Role.ADMINISTRATOR), Duration.ofMinutes(5)).split("\\.")[1];
        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forged + "." + parts[2])).hasMessage("token signature invalid");
    }

    @Test
    void rejectsGarbageAndMissingTokens() {
        assertThatThrownBy(() -> tokens.verify("not-a-token")).hasMessage("token malformed");
        assertThatThrownBy(() -> tokens.verify("")).hasMessage("token missing");
        assertThatThrownBy(() -> tokens.verify("x".repeat(5000))).hasMessage("token too long");
    }

    @Test
    void rejectsShortSigningKey() {
        assertThatThrownBy(() -> new AccessTokens(new byte[16], Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }
}
