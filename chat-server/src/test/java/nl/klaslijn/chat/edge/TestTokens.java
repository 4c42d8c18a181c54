package nl.klaslijn.chat.edge;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.auth.AccessTokens;
import nl.klaslijn.common.auth.Role;

/** Real access tokens with a fixed test key. */
final class TestTokens {

    static final byte[] KEY = "edge-test-key-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8);
    static final AccessTokens TOKENS = new AccessTokens(KEY, Clock.systemUTC());
    static final UUID SCHOOL = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private TestTokens() {}

    static String valid(UUID user) {
        return TOKENS.issue(user, SCHOOL, Set.of(Role.PARENT), Duration.ofMinutes(5));
    }

    static String expired(UUID user) {
        AccessTokens past = new AccessTokens(KEY, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        return past.issue(user, SCHOOL, Set.of(Role.PARENT), Duration.ofMinutes(5));
    }

    static String signedWithOtherKey(UUID user) {
        AccessTokens other = new AccessTokens("another-key-0123456789abcdef-0123456789".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        return other.issue(user, SCHOOL, Set.of(Role.PARENT), Duration.ofMinutes(5));
    }
}
