package nl.klaslijn.portal.imports;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;
import nl.klaslijn.portal.config.PortalProperties;
import nl.klaslijn.portal.crypto.Hashing;
import org.springframework.stereotype.Component;

/**
 * Ids of what an import creates, derived from the school and the natural key (group name, pupil number, pupil name in
 * its group, guardian e-mail) with HMAC-SHA-256 under the lookup key. Two runs of the same file, even concurrent ones,
 * therefore write the same rows instead of duplicates; and since the key is secret, an id does not reveal the e-mail
 * address or name it was derived from. The 128 bits are shaped as a version-8 (custom) UUID.
 */
@Component
class ImportIds {

    private final byte[] key;

    ImportIds(PortalProperties properties) {
        this.key = java.util.Base64.getDecoder().decode(properties.auth().lookupKey().strip());
    }

    UUID group(UUID schoolId, String name) {
        return derive(schoolId, "group", fold(name));
    }

    UUID pupilByNumber(UUID schoolId, String number) {
        return derive(schoolId, "pupil-number", number);
    }

    UUID pupilByName(UUID schoolId, UUID groupId, String firstName, String lastName) {
        return derive(schoolId, "pupil-name", groupId + "\u0000" + fold(firstName) + "\u0000" + fold(lastName));
    }

    UUID guardian(UUID schoolId, String email) {
        return derive(schoolId, "guardian", fold(email));
    }

    static String fold(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private UUID derive(UUID schoolId, String kind, String naturalKey) {
        ByteBuffer mac = Hashing.hmacSha256(key, "klaslijn-import\u0000" + schoolId + "\u0000" + kind + "\u0000" + naturalKey);
        long high = mac.getLong(0);
        long low = mac.getLong(8);
        high = (high & ~0xF000L) | 0x8000L; // version 8
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low);
    }
}
