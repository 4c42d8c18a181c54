package nl.klaslijn.chat.app;

import java.time.Duration;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.VerificationKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The chat node's token keys, read and checked before anything else starts: the public keys that verify access
 * tokens ({@code klaslijn.chat.token-verification-keys} or {@code ...-file}: PEM public keys or a JWK set), their
 * longest accepted lifetime, and, for the demo of the {@code dev} profile only, the key the demo tokens are signed
 * with ({@code klaslijn.demo.token-signing-key}). Outside the dev profile the development key is refused and the demo
 * cannot run, so a production chat node holds no key that signs.
 *
 * @param demoSigningKey null unless the demo is enabled (dev profile only)
 */
record ChatTokenKeys(VerificationKeys verificationKeys, Duration maxLifetime, @Nullable SigningKey demoSigningKey) {

    static final String VERIFICATION_KEYS = "klaslijn.chat.token-verification-keys";
    static final String MAX_LIFETIME = "klaslijn.chat.token-max-lifetime";
    static final String DEMO_SIGNING_KEY = "klaslijn.demo.token-signing-key";

    /** @throws IllegalStateException naming the setting to provide */
    static ChatTokenKeys from(Environment environment) {
        return from(environment, KeySettings.isLocalBuild(ChatTokenKeys.class.getClassLoader()));
    }

    /** @param localBuild whether this is the local-start build, the only one the dev profile may run in */
    static ChatTokenKeys from(Environment environment, boolean localBuild) {
        boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
        KeySettings.refuseDevelopmentOutsideLocalBuild(dev, localBuild);
        String text = KeySettings.require(VERIFICATION_KEYS, environment::getProperty,
                KeySettings.GENERATE_VERIFICATION_KEYS);
        VerificationKeys keys;
        try {
            keys = VerificationKeys.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VERIFICATION_KEYS + " is not usable: " + e.getMessage());
        }
        KeySettings.refuseDevelopmentTokenKey(VERIFICATION_KEYS, keys.keyIds(), dev);
        Duration maxLifetime = environment.getProperty(MAX_LIFETIME, Duration.class,
                ChatSettings.DEFAULT_TOKEN_MAX_LIFETIME);
        SigningKey demo = null;
        if (environment.getProperty("klaslijn.demo.enabled", Boolean.class, false)) {
            if (!dev) {
                throw new IllegalStateException("klaslijn.demo.enabled=true needs the dev profile (the demo signs tokens,"
                        + " which a production chat node never does); set it false or start with the dev profile");
            }
            demo = SigningKey.parse(KeySettings.require(DEMO_SIGNING_KEY, environment::getProperty,
                    KeySettings.GENERATE_SIGNING_KEY));
            if (!keys.keyIds().contains(demo.keyId())) {
                throw new IllegalStateException(DEMO_SIGNING_KEY + " is not among " + VERIFICATION_KEYS);
            }
        }
        return new ChatTokenKeys(keys, maxLifetime, demo);
    }
}
