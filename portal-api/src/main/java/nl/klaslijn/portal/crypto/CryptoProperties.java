package nl.klaslijn.portal.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code klaslijn.crypto.*}: the keys medical data is sealed with (docs/portal-api.md, Medical data).
 *
 * @param medicalKey base64 of the 32-byte AES-256 key new medical values are sealed with
 * @param medicalKeyId the id (1..255) stored with each value sealed by {@code medicalKey}; raise it when rotating
 * @param medicalRetiredKeys earlier keys by id (base64), kept so values sealed with them still open
 */
@ConfigurationProperties("klaslijn.crypto")
public record CryptoProperties(String medicalKey, @DefaultValue("1") int medicalKeyId,
        @DefaultValue Map<Integer, String> medicalRetiredKeys) {}
