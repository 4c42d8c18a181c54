package nl.klaslijn.portal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of single values (AES-256-GCM, JDK {@code javax.crypto}) under a small key ring.
 *
 * <p>A sealed value is {@code [key id: 1 byte][nonce: 12 bytes][ciphertext + 16-byte tag]}. Every {@link #seal} draws
 * a fresh random 96-bit nonce from a {@link SecureRandom}. The caller's associated data (for example school id, pupil
 * id and field name) is authenticated together with the key id byte but not stored: {@link #open} succeeds only with
 * exactly the associated data the value was sealed with, so a sealed value copied to another row or field does not
 * open. New values are sealed with the current key; older values open with any key still in the ring (rotation).
 *
 * <p>Thread-safe (a {@link Cipher} per call).
 */
public final class FieldCipher {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int currentKeyId;
    private final Map<Integer, SecretKey> keys;

    /**
     * @param currentKeyId the id (1..255) of the key new values are sealed with; must be in {@code keys}
     * @param keys every key that may still open stored values, by id; each exactly 32 bytes
     */
    public FieldCipher(int currentKeyId, Map<Integer, byte[]> keys) {
        Map<Integer, SecretKey> ring = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (id < 1 || id > 255) {
                throw new IllegalArgumentException("key ids are 1..255, got " + id);
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be " + KEY_BYTES + " bytes, got " + key.length);
            }
            ring.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!ring.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("the current key id " + currentKeyId + " has no key");
        }
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(ring);
    }

    /** Encrypts {@code plaintext} with the current key, binding {@code associatedData}. */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(currentKeyId, associatedData));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put((byte) currentKeyId).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts and authenticates a value {@link #seal}ed with {@code associatedData}.
     *
     * @throws IntegrityException if the value is too short, names a key not in the ring, was changed, or was sealed
     *     with other associated data (moved from another row or field)
     */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed.length < OVERHEAD) {
            throw new IntegrityException("sealed value too short");
        }
        int keyId = sealed[0] & 0xff;
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IntegrityException("sealed with unknown key id " + keyId);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(aad(keyId, associatedData));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("authentication failed (changed, or sealed for another place)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The id of the key {@link #seal} uses. */
    public int currentKeyId() {
        return currentKeyId;
    }

    private static byte[] aad(int keyId, byte[] associatedData) {
        return ByteBuffer.allocate(1 + associatedData.length).put((byte) keyId).put(associatedData).array();
    }

    /** A sealed value did not open: it was altered, moved, or sealed with a key that is gone. Carries no plaintext. */
    public static final class IntegrityException extends RuntimeException {
        public IntegrityException(String message) {
            super(message, null, false, false);
        }
    }
}
