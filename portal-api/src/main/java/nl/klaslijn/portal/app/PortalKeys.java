package nl.klaslijn.portal.app;

import nl.klaslijn.portal.crypto.CryptoProperties;
import java.time.Duration;
import java.util.Map;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.VerificationKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * portal-api's keys, read and checked before anything else starts. The token signing key
 * ({@code klaslijn.auth.token-signing-key}: PEM PKCS#8 or a private JWK, EC P-256), any further verification keys
 * being rotated in or out ({@code klaslijn.auth.token-verification-keys}), the longest token lifetime, and checks of
 * the e-mail lookup key and the medical data keys (base64 of 32 random bytes). Outside the {@code dev} profile a
 * missing, short, low-entropy or development key stops the start with the setting to provide. Each key setting may
 * be given as a file ({@code ...-file}, resolved by {@link KeyFileSettings}).
 *
 * @param verificationKeys the signing key's public key plus {@code token-verification-keys}
 */
public record PortalKeys(SigningKey signingKey, VerificationKeys verificationKeys, Duration maxLifetime) {

    static final String SIGNING_KEY = "klaslijn.auth.token-signing-key";
    static final String VERIFICATION_KEYS = "klaslijn.auth.token-verification-keys";
    static final String MAX_LIFETIME = "klaslijn.auth.token-max-lifetime";
    static final String LOOKUP_KEY = "klaslijn.auth.lookup-key";
    static final String MEDICAL_KEY = "klaslijn.crypto.medical-key";

    /** @throws IllegalStateException naming the setting to provide */
    static PortalKeys from(Environment environment, CryptoProperties crypto) {
        return from(environment, crypto, KeySettings.isLocalBuild(PortalKeys.class.getClassLoader()));
    }

    /** @param localBuild whether this is the local-start build, the only one the dev profile may run in */
    static PortalKeys from(Environment environment, CryptoProperties crypto, boolean localBuild) {
        boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
        KeySettings.refuseDevelopmentOutsideLocalBuild(dev, localBuild);
        SigningKey signing = parse(SIGNING_KEY, () -> SigningKey.parse(
                KeySettings.require(SIGNING_KEY, environment::getProperty, KeySettings.GENERATE_SIGNING_KEY)));
        KeySettings.refuseDevelopmentTokenKey(SIGNING_KEY, java.util.Set.of(signing.keyId()), dev);
        VerificationKeys keys = signing.verificationKeys();
        @Nullable String more = KeySettings.read(VERIFICATION_KEYS, environment::getProperty);
        if (more != null) {
            VerificationKeys extra = parse(VERIFICATION_KEYS, () -> VerificationKeys.parse(more));
            KeySettings.refuseDevelopmentTokenKey(VERIFICATION_KEYS, extra.keyIds(), dev);
            keys = keys.and(extra);
        }
        Duration maxLifetime = environment.getProperty(MAX_LIFETIME, Duration.class, Duration.ofHours(1));
        Duration accessLifetime = environment.getProperty("klaslijn.auth.access-token-lifetime", Duration.class,
                Duration.ofMinutes(5));
        if (accessLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalStateException("klaslijn.auth.access-token-lifetime (" + accessLifetime
                    + ") exceeds " + MAX_LIFETIME + " (" + maxLifetime + ")");
        }
        KeySettings.secret(LOOKUP_KEY, KeySettings.require(LOOKUP_KEY, environment::getProperty,
                KeySettings.GENERATE_SECRET), dev);
        KeySettings.secret(MEDICAL_KEY, KeySettings.require(MEDICAL_KEY, environment::getProperty,
                KeySettings.GENERATE_SECRET), dev);
        for (Map.Entry<Integer, String> retired : crypto.medicalRetiredKeys().entrySet()) {
            KeySettings.secret("klaslijn.crypto.medical-retired-keys." + retired.getKey(), retired.getValue(), dev);
        }
        return new PortalKeys(signing, keys, maxLifetime);
    }

    private static <T> T parse(String name, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not usable: " + e.getMessage());
        }
    }
}
