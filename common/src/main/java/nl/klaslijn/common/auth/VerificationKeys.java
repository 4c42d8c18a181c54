package nl.klaslijn.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The public keys access tokens are verified with, by key id ({@code kid}). Several at once make rotation free of
 * downtime: publish the next key to every verifier, then switch the signer, then drop the old key once its tokens
 * have expired. Holds no private key, so a verifier cannot mint tokens. Immutable.
 */
public final class VerificationKeys {

    private final Map<String, ECPublicKey> byId;

    private VerificationKeys(Map<String, ECPublicKey> byId) {
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("no verification key given");
        }
        this.byId = Map.copyOf(byId);
    }

    /**
     * Reads one or more PEM {@code PUBLIC KEY} blocks (kid = RFC 7638 thumbprint of each key), or a JWK set
     * ({@code {"keys":[...]}}) or a single JWK of EC P-256 public keys (kid = the JWK's own {@code kid}, else its
     * thumbprint). A private key is refused: verifiers must not hold one.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static VerificationKeys parse(String text) {
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        try {
            if (Pem.looksLikePem(text)) {
                KeyFactory factory = KeyFactory.getInstance("EC");
                for (byte[] der : Pem.blocks(text, "PUBLIC KEY")) {
                    ECPublicKey key = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
                    SigningKey.requireP256(key.getParams());
                    keys.put(thumbprint(key), key);
                }
                return new VerificationKeys(keys);
            }
            String json = text.strip();
            List<JWK> jwks = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            for (JWK jwk : jwks) {
                if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
                    throw new IllegalArgumentException("every verification key must be an EC P-256 key");
                }
                if (ec.isPrivate()) {
                    throw new IllegalArgumentException("a verification key set must hold public keys only");
                }
                ECPublicKey key = ec.toECPublicKey();
                keys.put(ec.getKeyID() != null ? ec.getKeyID() : thumbprint(key), key);
            }
            return new VerificationKeys(keys);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC P-256 public key in PEM");
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("neither PEM public keys nor a JWK set");
        }
    }

    static VerificationKeys of(ECPublicKey key) {
        return new VerificationKeys(Map.of(thumbprint(key), key));
    }

    /** Both sets' keys (e.g. the signer's own key and the ones being rotated in or out). */
    public VerificationKeys and(VerificationKeys other) {
        Map<String, ECPublicKey> all = new LinkedHashMap<>(byId);
        all.putAll(other.byId);
        return new VerificationKeys(all);
    }

    public Set<String> keyIds() {
        return byId.keySet();
    }

    @Nullable ECPublicKey find(String keyId) {
        return byId.get(keyId);
    }

    static String thumbprint(ECPublicKey key) {
        try {
            return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
