package nl.klaslijn.chat.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;

/** Real access tokens with a key generated for this test run; the edge gets only its public half. */
final class TestTokens {

    private static final SigningKey KEY = SigningKey.generate();
    private static final Duration MAX = ChatSettings.DEFAULT_TOKEN_MAX_LIFETIME;
    private static final TokenSigner SIGNER = new TokenSigner(KEY, Clock.systemUTC(), MAX);
    static final TokenVerifier TOKENS = new TokenVerifier(KEY.verificationKeys(), Clock.systemUTC(), MAX);
    static final UUID SCHOOL = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private TestTokens() {}

    static String valid(UUID user) {
        return SIGNER.issue(user, SCHOOL, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
    }

    static String forAudience(UUID user, Set<Role> roles, TokenAudience audience) {
        return SIGNER.issue(user, SCHOOL, roles, audience, Duration.ofMinutes(5));
    }

    static String expired(UUID user) {
        TokenSigner past = new TokenSigner(KEY, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC), MAX);
        return past.issue(user, SCHOOL, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
    }

    static String signedWithOtherKey(UUID user) {
        return new TokenSigner(SigningKey.generate(), Clock.systemUTC(), MAX)
                .issue(user, SCHOOL, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
    }
}
