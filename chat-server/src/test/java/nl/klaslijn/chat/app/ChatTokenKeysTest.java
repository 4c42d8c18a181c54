package nl.klaslijn.chat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.klaslijn.common.auth.KeySettings;
import nl.klaslijn.common.auth.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;
import org.yaml.snakeyaml.Yaml;

/** The chat node's start-up checks of its token keys, on a real Spring environment. */
class ChatTokenKeysTest {

    private static final SigningKey PORTAL_KEY = SigningKey.generate();

    @Test
    void startsWithThePortalsPublicKeyAndHoldsNoSigningKey() {
        ChatTokenKeys keys = ChatTokenKeys.from(environment()
                .withProperty(ChatTokenKeys.VERIFICATION_KEYS, PORTAL_KEY.publicKeyPem()));
        assertThat(keys.verificationKeys().keyIds()).containsExactly(PORTAL_KEY.keyId());
        assertThat(keys.maxLifetime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesToStartWithoutAKeyNamingTheSetting() {
        assertThatThrownBy(() -> ChatTokenKeys.from(environment()))
                .hasMessageContaining("no klaslijn.chat.token-verification-keys set")
                .hasMessageContaining("klaslijn.chat.token-verification-keys-file");
    }

    @Test
    void refusesTheDevelopmentKeyOutsideTheDevProfileAndTakesItInside() throws IOException {
        Map<String, Object> dev = devProfileSettings();
        MockEnvironment production = environment();
        dev.forEach(production::setProperty);
        assertThatThrownBy(() -> ChatTokenKeys.from(production))
                .hasMessageContaining("klaslijn.chat.token-verification-keys holds the development token key");

        MockEnvironment local = environment();
        dev.forEach(local::setProperty);
        local.setActiveProfiles("dev");
        ChatTokenKeys keys = ChatTokenKeys.from(local);
        assertThat(keys.verificationKeys().keyIds()).containsExactly(KeySettings.DEVELOPMENT_TOKEN_KEY_ID);
        assertThat(keys.maxLifetime()).isEqualTo(Duration.ofHours(1));

        assertThatThrownBy(() -> ChatTokenKeys.from(local, false))
                .as("the dev profile in a production jar (no devstack)")
                .hasMessageContaining("the dev profile").hasMessageContaining("-local.jar");
    }

    @Test
    void readsTheKeysFromAFile(@TempDir Path dir) throws IOException {
        SigningKey next = SigningKey.generate();
        Path file = dir.resolve("token-verification.pem");
        Files.writeString(file, PORTAL_KEY.publicKeyPem() + next.publicKeyPem(), StandardCharsets.US_ASCII);
        ChatTokenKeys keys = ChatTokenKeys.from(environment()
                .withProperty(ChatTokenKeys.VERIFICATION_KEYS + "-file", file.toString()));
        assertThat(keys.verificationKeys().keyIds()).containsExactlyInAnyOrder(PORTAL_KEY.keyId(), next.keyId());
    }

    @Test
    void refusesAPrivateKeyAsVerificationKey() {
        assertThatThrownBy(() -> ChatTokenKeys.from(environment()
                .withProperty(ChatTokenKeys.VERIFICATION_KEYS, PORTAL_KEY.privateKeyPem())))
                .hasMessageContaining("klaslijn.chat.token-verification-keys is not usable");
    }

    /** A Spring environment converting values as Spring Boot's does ("12h" to a Duration). */
    private static MockEnvironment environment() {
        MockEnvironment environment = new MockEnvironment();
        environment.setConversionService(new ApplicationConversionService());
        return environment;
    }

    /** The settings application-dev.yml gives, flattened. */
    private static Map<String, Object> devProfileSettings() throws IOException {
        try (InputStream in = ChatTokenKeysTest.class.getResourceAsStream("/application-dev.yml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> flat = new java.util.LinkedHashMap<>();
            flatten("", root, flat);
            return flat;
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, out);
            } else {
                out.put(name, String.valueOf(value));
            }
        });
    }
}
