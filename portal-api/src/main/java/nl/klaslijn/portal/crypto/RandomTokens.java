package nl.klaslijn.portal.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Unguessable tokens from a {@link SecureRandom}. Thread-safe. */
public final class RandomTokens {

    /** RFC 4648 base32 alphabet: no 0/1/8/9, so no O/0 or I/1 confusion on paper. */
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() {}

    /**
     * A printable token of 160 random bits: 32 base32 characters in groups of four joined by dashes
     * ({@code ABCD-EFGH-...}). {@link #canonical} turns what a person types back into the 32 characters.
     */
    public static String printable() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        StringBuilder out = new StringBuilder(39);
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (written > 0 && written % 4 == 0) {
                    out.append('-');
                }
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
                written++;
            }
        }
        return out.toString();
    }

    /** What a person typed, upper-cased, without dashes and spaces; null if anything else is left that base32 lacks. */
    public static @org.jspecify.annotations.Nullable String canonical(String typed) {
        String text = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                return null;
            }
        }
        return text;
    }

    /** An opaque token of 256 random bits, base64url without padding (43 characters). */
    public static String opaque() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
