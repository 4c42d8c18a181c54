package nl.klaslijn.portal.app;

import nl.klaslijn.portal.crypto.CryptoProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/** portal-api's start-up checks of its keys, on a real Spring environment. */
class PortalKeysTest {

    private static final SigningKey KEY = SigningKey.generate();
    private static final CryptoProperties NO_RETIRED_KEYS = new CryptoProperties("unused", 1, Map.of());

    @Test
    void startsWithGeneratedKeys() {
        PortalKeys keys = PortalKeys.from(production(), NO_RETIRED_KEYS);
        assertThat(keys.signingKey().keyId()).isEqualTo(KEY.keyId());
        assertThat(keys.verificationKeys().keyIds()).containsExactly(KEY.keyId());
    }

    @Test
    void refusesToStartWithoutASigningKeyNamingTheSetting() {
        MockEnvironment without = environment();
        without.setProperty(PortalKeys.LOOKUP_KEY, random(32));
        without.setProperty(PortalKeys.MEDICAL_KEY, random(32));
        assertThatThrownBy(() -> PortalKeys.from(without, NO_RETIRED_KEYS))
                .hasMessageContaining("no klaslijn.auth.token-signing-key set")
                .hasMessageContaining("openssl genpkey");
    }

    @Test
    void refusesEveryDevelopmentKeyOutsideTheDevProfileAndTakesThemInside() throws IOException {
        Properties dev = devProfileSettings();
        MockEnvironment onlyDevSigningKey = production();
        onlyDevSigningKey.setProperty(PortalKeys.SIGNING_KEY, dev.getProperty(PortalKeys.SIGNING_KEY));
        assertThatThrownBy(() -> PortalKeys.from(onlyDevSigningKey, NO_RETIRED_KEYS))
                .hasMessageContaining("klaslijn.auth.token-signing-key holds the development token key");

        MockEnvironment onlyDevLookupKey = production();
        onlyDevLookupKey.setProperty(PortalKeys.LOOKUP_KEY, dev.getProperty(PortalKeys.LOOKUP_KEY));
        assertThatThrownBy(() -> PortalKeys.from(onlyDevLookupKey, NO_RETIRED_KEYS))
                .hasMessageContaining("klaslijn.auth.lookup-key is the development key");

        MockEnvironment onlyDevMedicalKey = production();
        onlyDevMedicalKey.setProperty(PortalKeys.MEDICAL_KEY, dev.getProperty(PortalKeys.MEDICAL_KEY));
        assertThatThrownBy(() -> PortalKeys.from(onlyDevMedicalKey, NO_RETIRED_KEYS))
                .hasMessageContaining("klaslijn.crypto.medical-key is the development key");

        MockEnvironment local = environment();
        dev.forEach((k, v) -> local.setProperty(String.valueOf(k), String.valueOf(v)));
        local.setActiveProfiles("dev");
        assertThat(PortalKeys.from(local, NO_RETIRED_KEYS).signingKey().keyId())
                .isEqualTo(KeySettings.DEVELOPMENT_TOKEN_KEY_ID);
        assertThatThrownBy(() -> PortalKeys.from(local, NO_RETIRED_KEYS, false))
                .as("the dev profile in a production jar (no devstack)")
                .hasMessageContaining("the dev profile").hasMessageContaining("-local.jar");
    }

    @Test
    void refusesShortAndLowEntropyKeys() {
        MockEnvironment shortKey = production();
        shortKey.setProperty(PortalKeys.LOOKUP_KEY, random(16));
        assertThatThrownBy(() -> PortalKeys.from(shortKey, NO_RETIRED_KEYS))
                .hasMessageContaining("klaslijn.auth.lookup-key must be at least 32 bytes");

        MockEnvironment password = production();
        password.setProperty(PortalKeys.MEDICAL_KEY,
                Base64.getEncoder().encodeToString("my-very-secret-medical-password!".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> PortalKeys.from(password, NO_RETIRED_KEYS))
                .hasMessageContaining("klaslijn.crypto.medical-key has too little entropy");

        CryptoProperties weakRetired = new CryptoProperties("unused", 2, Map.of(1, Base64.getEncoder().encodeToString(new byte[32])));
        assertThatThrownBy(() -> PortalKeys.from(production(), weakRetired))
                .hasMessageContaining("klaslijn.crypto.medical-retired-keys.1 has too little entropy");
    }

    @Test
    void refusesAnAccessTokenLifetimeBeyondTheMaximum() {
        MockEnvironment environment = production();
        environment.setProperty("klaslijn.auth.access-token-lifetime", "2h");
        assertThatThrownBy(() -> PortalKeys.from(environment, NO_RETIRED_KEYS))
                .hasMessageContaining("exceeds klaslijn.auth.token-max-lifetime");
    }

    @Test
    void readsEveryKeyFromItsFileVariant(@TempDir Path dir) throws IOException {
        MockEnvironment environment = environment();
        String lookup = random(32);
        for (Map.Entry<String, String> key : Map.of(PortalKeys.SIGNING_KEY, KEY.privateKeyPem(),
                PortalKeys.LOOKUP_KEY, lookup, PortalKeys.MEDICAL_KEY, random(32)).entrySet()) {
            Path file = dir.resolve(key.getKey());
            Files.writeString(file, key.getValue(), StandardCharsets.US_ASCII);
            environment.setProperty(key.getKey() + "-file", file.toString());
        }
        new KeyFileSettings().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(PortalKeys.LOOKUP_KEY)).isEqualTo(lookup);
        assertThat(PortalKeys.from(environment, NO_RETIRED_KEYS).signingKey().keyId()).isEqualTo(KEY.keyId());

        MockEnvironment both = environment();
        both.setProperty(PortalKeys.MEDICAL_KEY, random(32));
        both.setProperty(PortalKeys.MEDICAL_KEY + "-file", dir.resolve(PortalKeys.MEDICAL_KEY).toString());
        assertThatThrownBy(() -> new KeyFileSettings().postProcessEnvironment(both, new SpringApplication()))
                .hasMessage("set klaslijn.crypto.medical-key or klaslijn.crypto.medical-key-file, not both");
    }

    /** Valid production settings: generated token key, random secrets. */
    private static MockEnvironment production() {
        MockEnvironment environment = environment();
        environment.setProperty(PortalKeys.SIGNING_KEY, KEY.privateKeyPem());
        environment.setProperty(PortalKeys.LOOKUP_KEY, random(32));
        environment.setProperty(PortalKeys.MEDICAL_KEY, random(32));
        return environment;
    }

    private static MockEnvironment environment() {
        MockEnvironment environment = new MockEnvironment();
        environment.setConversionService(new ApplicationConversionService());
        return environment;
    }

    private static String random(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Properties devProfileSettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-dev.yml"));
        return yaml.getObject();
    }
}
