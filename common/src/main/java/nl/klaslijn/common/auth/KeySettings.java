package nl.klaslijn.common.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import nl.klaslijn.common.config.SecretSettings;
import org.jspecify.annotations.Nullable;

/**
 * How both services read and check their keys. Each key setting {@code X} may instead be given as a file,
 * {@code X-file} (e.g. a mounted secret), never both. Outside the {@code dev} profile a key must be strong: a
 * symmetric key is base64 of at least 32 random bytes (text, repeated bytes and the development keys are refused),
 * and the development token key is refused. Failures name the setting and how to make a key; they never echo it.
 */
public final class KeySettings {

    /** The {@code kid} of the development token key in the services' {@code application-dev.yml}. */
    public static final String DEVELOPMENT_TOKEN_KEY_ID = "xjGtt7VajvMTlB6kcNmDrIyhpg2xdxJxO9wvpm_jNPw";

    /** SHA-256 of the development lookup and medical keys (in portal-api's {@code application-dev.yml}). */
    private static final Set<String> DEVELOPMENT_SECRETS = Set.of(
            "44a049a48612f4c9b015105d2e130850f2af3f2473e93db29a16a8b826f04611",
            "14adca0c56b1392f311cf162e4540c6010ba6f144e91f1cdfcd621ac38071098");

    public static final String GENERATE_SECRET = "generate one with: openssl rand -base64 32";
    public static final String GENERATE_SIGNING_KEY =
            "generate one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out token-signing.pem";
    public static final String GENERATE_VERIFICATION_KEYS =
            "give the signer's public key, e.g. openssl pkey -in token-signing.pem -pubout -out token-verification.pem";

    private static final int MIN_SECRET_BYTES = 32;
    private static final int MIN_DISTINCT_BYTES = 16;

    private KeySettings() {}

    /**
     * The value of setting {@code name}: given inline, or the content of the file setting {@code name-file} names;
     * null when neither is set.
     *
     * @throws IllegalStateException when both are set or the file cannot be read
     */
    public static @Nullable String read(String name, Function<String, @Nullable String> settings) {
        String value = SecretSettings.read(name, settings);
        return value == null ? null : value.strip();
    }

    /** Like {@link #read}, but a missing setting fails with what to provide. */
    public static String require(String name, Function<String, @Nullable String> settings, String howToGenerate) {
        String value = read(name, settings);
        if (value == null) {
            throw new IllegalStateException("no " + name + " set: provide " + name + " or " + name + "-file ("
                    + howToGenerate + "), or start with the dev profile for local development");
        }
        return value;
    }

    /**
     * Decodes a symmetric key (base64) and, unless {@code development}, refuses one that is short, looks like text
     * or repeats bytes, or is a development key.
     */
    public static byte[] secret(String name, String base64, boolean development) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64; " + GENERATE_SECRET);
        }
        if (development) {
            return key;
        }
        if (DEVELOPMENT_SECRETS.contains(sha256(key))) {
            throw new IllegalStateException(name + " is the development key, refused outside the dev profile; "
                    + GENERATE_SECRET);
        }
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " must be at least " + MIN_SECRET_BYTES + " bytes, got " + key.length
                    + "; " + GENERATE_SECRET);
        }
        if (looksLikeText(key) || distinct(key) < MIN_DISTINCT_BYTES) {
            throw new IllegalStateException(name + " has too little entropy (text or repeated bytes, not random bytes); "
                    + GENERATE_SECRET);
        }
        return key;
    }

    /** A class only the local-start build carries (devstack's Cassandra launcher); the production jars have none. */
    public static final String LOCAL_BUILD_MARKER = "nl.klaslijn.devstack.cassandra.CassandraNode";

    /** Whether {@code loader} sees the local-start build ({@link #LOCAL_BUILD_MARKER}). */
    public static boolean isLocalBuild(ClassLoader loader) {
        try {
            Class.forName(LOCAL_BUILD_MARKER, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The dev profile (development keys, the demo) runs only from the local-start build: a production jar started
     * with {@code --spring.profiles.active=dev} by mistake refuses to start instead of trusting the public keys.
     */
    public static void refuseDevelopmentOutsideLocalBuild(boolean development, boolean localBuild) {
        if (development && !localBuild) {
            throw new IllegalStateException("the dev profile (development keys, public in the repository) runs only from"
                    + " the local-start jar (-local.jar, ./klaslijn start); start production jars without it");
        }
    }

    /** Refuses the development token key among {@code keyIds} unless {@code development}. */
    public static void refuseDevelopmentTokenKey(String name, Set<String> keyIds, boolean development) {
        if (!development && keyIds.contains(DEVELOPMENT_TOKEN_KEY_ID)) {
            throw new IllegalStateException(name + " holds the development token key, refused outside the dev profile; "
                    + GENERATE_SIGNING_KEY);
        }
    }

    /** Random bytes are all printable ASCII with probability (95/256)^32 ≈ 10^-14: such a key is a password. */
    private static boolean looksLikeText(byte[] key) {
        for (byte b : key) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int distinct(byte[] key) {
        boolean[] seen = new boolean[256];
        int count = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                count++;
            }
        }
        return count;
    }

    private static String sha256(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
