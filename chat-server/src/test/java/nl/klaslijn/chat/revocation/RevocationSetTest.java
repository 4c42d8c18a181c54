package nl.klaslijn.chat.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.Role;
import org.junit.jupiter.api.Test;

/** The in-memory decision; storage and the cross-node path are covered by ClusterIT and InternalApiIT. */
class RevocationSetTest {

    private final UUID school = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();
    private final RevocationSet revocations = new RevocationSet();

    @Test
    void refusesTokensIssuedInAnEarlierSecondOnly() {
        Instant cut = Instant.parse("2026-11-22T20:15:30.400Z");
        revocations.remember(school, user, cut);

        assertThat(revocations.refuses(token(user, "2026-11-22T20:15:29Z"))).isTrue();
        assertThat(revocations.refuses(token(user, "2026-11-22T20:15:30Z")))
                .as("issued in the revocation's own second: the new session of a password change").isFalse();
        assertThat(revocations.refuses(token(UUID.randomUUID(), "2026-11-22T20:15:29Z"))).isFalse();
    }

    @Test
    void keepsTheLatestRevocationOfAUser() {
        revocations.remember(school, user, Instant.parse("2026-11-22T21:00:00Z"));
        revocations.remember(school, user, Instant.parse("2026-11-22T20:00:00Z"));

        assertThat(revocations.refuses(token(user, "2026-11-22T20:30:00Z"))).isTrue();
    }

    @Test
    void aSessionRevocationRefusesEveryTokenOfThatSessionAndNoOther() {
        UUID phone = UUID.randomUUID();
        revocations.rememberSession(school, user, phone, Instant.parse("2026-11-22T20:00:00Z"));

        assertThat(revocations.refuses(token(user, "2026-11-22T19:59:00Z", phone))).isTrue();
        assertThat(revocations.refuses(token(user, "2026-11-22T20:00:00Z", phone)))
                .as("also one issued in the revocation's second: the session never comes back").isTrue();
        assertThat(revocations.refuses(token(user, "2026-11-22T19:59:00Z", UUID.randomUUID()))).isFalse();
        assertThat(revocations.refuses(token(user, "2026-11-22T19:59:00Z", null))).isFalse();
        assertThat(revocations.refuses(token(UUID.randomUUID(), "2026-11-22T19:59:00Z", phone)))
                .as("the session id counts only for its own user").isFalse();
    }

    private AccessToken token(UUID who, String issuedAt, UUID sessionId) {
        Instant issued = Instant.parse(issuedAt);
        return new AccessToken(who, school, Set.of(Role.PARENT), issued, issued.plusSeconds(300),
                nl.klaslijn.common.auth.TokenAudience.CHAT, sessionId);
    }

    private AccessToken token(UUID who, String issuedAt) {
        Instant issued = Instant.parse(issuedAt);
        return new AccessToken(who, school, Set.of(Role.PARENT), issued, issued.plusSeconds(300),
                nl.klaslijn.common.auth.TokenAudience.CHAT, null);
    }
}
