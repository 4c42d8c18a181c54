package nl.klaslijn.portal.medical;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.crypto.CryptoProperties;
import nl.klaslijn.portal.crypto.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * Seals and opens medical values with the {@code klaslijn.crypto} keys. The associated data of a value is
 * {@code "klaslijn/medical/v1|<school id>|<pupil id>|<column>"}, so a value opens only in the row and column it was
 * written to.
 */
@Component
class MedicalCipher {

    private final FieldCipher cipher;

    MedicalCipher(CryptoProperties properties) {
        Map<Integer, byte[]> keys = new HashMap<>();
        properties.medicalRetiredKeys().forEach((id, key) -> keys.put(id, decode("medical-retired-keys." + id, key)));
        keys.put(properties.medicalKeyId(), decode("medical-key", properties.medicalKey()));
        this.cipher = new FieldCipher(properties.medicalKeyId(), keys);
    }

    byte[] seal(UUID schoolId, UUID pupilId, MedicalField field, String value) {
        return cipher.seal(value.getBytes(StandardCharsets.UTF_8), associatedData(schoolId, pupilId, field));
    }

    /** @throws FieldCipher.IntegrityException if the value was altered or belongs to another row or field */
    String open(UUID schoolId, UUID pupilId, MedicalField field, byte[] sealed) {
        return new String(cipher.open(sealed, associatedData(schoolId, pupilId, field)), StandardCharsets.UTF_8);
    }

    static byte[] associatedData(UUID schoolId, UUID pupilId, MedicalField field) {
        return ("klaslijn/medical/v1|" + schoolId + "|" + pupilId + "|" + field.column()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String key, String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("klaslijn.crypto." + key + " is not base64");
        }
    }
}
