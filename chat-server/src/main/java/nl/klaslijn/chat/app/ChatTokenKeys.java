package nl.klaslijn.chat.app;

import java.time.Duration;
import nl.klaslijn.chat.ChatSettings;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.VerificationKeys;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The chat node's token keys, read and checked before anything else starts: the public keys that verify access
 * tokens ({@code klaslijn.chat.token-verification-keys} or {@code ...-file}: PEM public keys or a JWK set), their
 * longest accepted lifetime. Outside the dev profile the development key is refused. A chat node holds no key that
 * signs (the local start's demo logins are portal-api's).
 */
record ChatTokenKeys(VerificationKeys verificationKeys, Duration maxLifetime) {

    static final String VERIFICATION_KEYS = "klaslijn.chat.token-verification-keys";
    static final String MAX_LIFETIME = "klaslijn.chat.token-max-lifetime";

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
        return new ChatTokenKeys(keys, maxLifetime);
    }
}
