package nl.klaslijn.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySettingsTest {

    private static final String NAME = "klaslijn.auth.lookup-key";

    @Test
    void acceptsRandomBytesAndRefusesShortTextRepeatedAndDevelopmentKeysOutsideDev() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        assertThat(KeySettings.secret(NAME, b64(random), false)).isEqualTo(random);

        assertThatThrownBy(() -> KeySettings.secret(NAME, b64(new byte[16]), false))
                .hasMessageContaining(NAME).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> KeySettings.secret(NAME, b64("correct-horse-battery-staple-0123".getBytes()), false))
                .hasMessageContaining("too little entropy");
        assertThatThrownBy(() -> KeySettings.secret(NAME, b64(new byte[64]), false))
                .hasMessageContaining("too little entropy");
        String developmentLookupKey = b64("klaslijn-local-development-lookup-key-do-not-use".getBytes());
        assertThatThrownBy(() -> KeySettings.secret(NAME, developmentLookupKey, false))
                .hasMessageContaining("is the development key").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> KeySettings.secret(NAME, "not base64!", false)).hasMessageContaining("not base64");
        assertThat(KeySettings.secret(NAME, developmentLookupKey, true)).hasSize(48);
    }

    @Test
    void refusesTheDevelopmentTokenKeyOutsideDev() {
        Set<String> ids = Set.of("other", KeySettings.DEVELOPMENT_TOKEN_KEY_ID);
        assertThatThrownBy(() -> KeySettings.refuseDevelopmentTokenKey("klaslijn.chat.token-verification-keys", ids, false))
                .hasMessageContaining("klaslijn.chat.token-verification-keys holds the development token key");
        KeySettings.refuseDevelopmentTokenKey("x", ids, true);
        KeySettings.refuseDevelopmentTokenKey("x", Set.of("other"), false);
    }

    @Test
    void readsAKeyInlineOrFromItsFileVariantButNotBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "c2VjcmV0\n", StandardCharsets.UTF_8);
        assertThat(KeySettings.read(NAME, Map.of(NAME, "inline")::get)).isEqualTo("inline");
        assertThat(KeySettings.read(NAME, Map.of(NAME + "-file", file.toString())::get)).isEqualTo("c2VjcmV0");
        assertThat(KeySettings.read(NAME, Map.<String, String>of()::get)).isNull();
        assertThatThrownBy(() -> KeySettings.read(NAME, Map.of(NAME, "a", NAME + "-file", file.toString())::get))
                .hasMessage("set " + NAME + " or " + NAME + "-file, not both");
        assertThatThrownBy(() -> KeySettings.require(NAME, Map.<String, String>of()::get, KeySettings.GENERATE_SECRET))
                .hasMessageContaining("no " + NAME + " set").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void theDevelopmentKeyIdIsTheKeyOfTheDevProfiles() {
        String developmentPublicKey = """
                -----BEGIN PUBLIC KEY-----
                MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEd83jQL5rHQV7eVunbsi7J9ygHJ/S
                8s6B4it2PiiTEyZ/kM4ESucwQdp6l5zxMrXgybO8sPdEflVhx7/MzYAS8g==
                -----END PUBLIC KEY-----
                """;
        assertThat(VerificationKeys.parse(developmentPublicKey).keyIds())
                .containsExactly(KeySettings.DEVELOPMENT_TOKEN_KEY_ID);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
