package nl.klaslijn.chat.it;

import java.time.Clock;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.VerificationKeys;

/**
 * The integration tests' token key: fixed (not generated), so a chat node in a child JVM ({@link ChildNodeMain})
 * verifies what the test signs. The nodes get only its public half, as in production; the tests sign as portal-api.
 */
final class TestKeys {

    static final SigningKey KEY = SigningKey.parse("""
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIX7hbf4opG9SHQw+
            MPWwqJyRbyUj7YgbdscmABg0I+GhRANCAATtSmHJpyqUjMaG19P5ii+u/IdPcNv+
            N4HIj7ak13Rt8zS04o3kjelEPf2MVoaHF8yyS40zcj4AV5fmx9sTBRQC
            -----END PRIVATE KEY-----
            """);
    static final VerificationKeys VERIFICATION = KEY.verificationKeys();

    private TestKeys() {}

    /** Signs as portal-api does, on the test's clock. */
    static TokenSigner signer(Clock clock) {
        return new TokenSigner(KEY, clock, ChatSettings.DEFAULT_TOKEN_MAX_LIFETIME);
    }
}
