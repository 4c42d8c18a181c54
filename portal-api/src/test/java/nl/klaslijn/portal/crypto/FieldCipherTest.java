package nl.klaslijn.portal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final byte[] KEY_1 = key(1);
    private static final byte[] KEY_2 = key(2);
    private static final byte[] AD = "school|pupil|allergies".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAIN = "peanuts, penicillin".getBytes(StandardCharsets.UTF_8);

    private static byte[] key(int seed) {
        byte[] key = new byte[FieldCipher.KEY_BYTES];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    @Test
    void sealedValueOpensWithTheSameAssociatedData() {
        FieldCipher cipher = new FieldCipher(1, Map.of(1, KEY_1));

        assertThat(cipher.open(cipher.seal(PLAIN, AD), AD)).isEqualTo(PLAIN);
    }

    @Test
    void sealedValueIsKeyIdNonceAndCiphertextWithTagAndHoldsNoPlaintext() {
        byte[] sealed = new FieldCipher(7, Map.of(7, KEY_1)).seal(PLAIN, AD);

        assertThat(sealed[0]).isEqualTo((byte) 7);
        assertThat(sealed).hasSize(1 + 12 + PLAIN.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("peanuts");
    }

    @Test
    void everySealUsesAFreshNonce() {
        FieldCipher cipher = new FieldCipher(1, Map.of(1, KEY_1));

        byte[] a = cipher.seal(PLAIN, AD);
        byte[] b = cipher.seal(PLAIN, AD);

        assertThat(Arrays.copyOfRange(a, 1, 13)).isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void otherAssociatedDataDoesNotOpen() {
        FieldCipher cipher = new FieldCipher(1, Map.of(1, KEY_1));
        byte[] sealed = cipher.seal(PLAIN, AD);

        assertThatThrownBy(() -> cipher.open(sealed, "school|other-pupil|allergies".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FieldCipher.IntegrityException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void anAlteredByteDoesNotOpen() {
        FieldCipher cipher = new FieldCipher(1, Map.of(1, KEY_1));
        for (int i = 1; i < PLAIN.length + 29; i++) {
            byte[] sealed = cipher.seal(PLAIN, AD);
            sealed[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(sealed, AD)).as("byte " + i).isInstanceOf(FieldCipher.IntegrityException.class);
        }
    }

    @Test
    void truncatedValueDoesNotOpen() {
        FieldCipher cipher = new FieldCipher(1, Map.of(1, KEY_1));

        assertThatThrownBy(() -> cipher.open(new byte[] {1, 2, 3}, AD)).isInstanceOf(FieldCipher.IntegrityException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void afterRotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        byte[] old = new FieldCipher(1, Map.of(1, KEY_1)).seal(PLAIN, AD);
        FieldCipher rotated = new FieldCipher(2, Map.of(1, KEY_1, 2, KEY_2));

        assertThat(rotated.open(old, AD)).isEqualTo(PLAIN);
        assertThat(rotated.seal(PLAIN, AD)[0]).isEqualTo((byte) 2);
    }

    @Test
    void aValueOfARemovedKeyOrWithAForgedKeyIdDoesNotOpen() {
        byte[] old = new FieldCipher(1, Map.of(1, KEY_1)).seal(PLAIN, AD);
        FieldCipher withoutOld = new FieldCipher(2, Map.of(2, KEY_2));
        FieldCipher both = new FieldCipher(2, Map.of(1, KEY_1, 2, KEY_2));
        byte[] relabelled = old.clone();
        relabelled[0] = 2;

        assertThatThrownBy(() -> withoutOld.open(old, AD)).isInstanceOf(FieldCipher.IntegrityException.class)
                .hasMessageContaining("unknown key id 1");
        assertThatThrownBy(() -> both.open(relabelled, AD)).isInstanceOf(FieldCipher.IntegrityException.class);
    }

    @Test
    void keysMustBe32BytesAndTheCurrentKeyMustExist() {
        assertThatThrownBy(() -> new FieldCipher(1, Map.of(1, new byte[16]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldCipher(2, Map.of(1, KEY_1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldCipher(0, Map.of(0, KEY_1))).isInstanceOf(IllegalArgumentException.class);
    }
}
