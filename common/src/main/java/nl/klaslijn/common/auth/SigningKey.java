package nl.klaslijn.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.List;
import javax.crypto.KeyAgreement;

/**
 * The one private key access tokens are signed with: ECDSA on P-256 (ES256), with its public key and its key id
 * ({@code kid}, the RFC 7638 thumbprint of the public key, so a verifier finds the same id from the public key alone).
 * Only portal-api holds one (and chat-server's demo in the dev profile).
 */
public final class SigningKey {

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String keyId;

    private SigningKey(ECPrivateKey privateKey, ECPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = VerificationKeys.thumbprint(publicKey);
    }

    /**
     * Reads a PEM {@code PRIVATE KEY} (PKCS#8, as {@code openssl genpkey -algorithm EC -pkeyopt
     * ec_paramgen_curve:P-256} writes it) or a private EC JWK. Refuses any other curve or key type.
     *
     * @throws IllegalArgumentException saying what is wrong with the key (never echoing it)
     */
    public static SigningKey parse(String text) {
        try {
            if (Pem.looksLikePem(text)) {
                List<byte[]> blocks = Pem.blocks(text, "PRIVATE KEY");
                if (blocks.size() != 1) {
                    throw new IllegalArgumentException("expected exactly one private key, found " + blocks.size());
                }
                var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(blocks.get(0)));
                ECPrivateKey ec = (ECPrivateKey) key;
                requireP256(ec.getParams());
                return new SigningKey(ec, derivePublic(ec));
            }
            JWK jwk = JWK.parse(text.strip());
            if (!(jwk instanceof ECKey ec) || !ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("the JWK must be a private EC key on P-256");
            }
            return new SigningKey(ec.toECPrivateKey(), ec.toECPublicKey());
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an EC P-256 private key in PKCS#8 PEM");
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("neither a PEM private key nor a private EC JWK");
        }
    }

    /** A fresh random key (tests, and nothing else: production keys are generated with openssl and kept out of code). */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }

    /** The {@code kid} of the tokens this key signs. */
    public String keyId() {
        return keyId;
    }

    /** The public half, as a key set of one: what a verifier of this key's tokens needs. */
    public VerificationKeys verificationKeys() {
        return VerificationKeys.of(publicKey);
    }

    /** PEM of the private key (PKCS#8), as {@link #parse} reads it. */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    /** PEM of the public key (X.509 SubjectPublicKeyInfo), as {@link VerificationKeys#parse} reads it. */
    public String publicKeyPem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    ECPrivateKey privateKey() {
        return privateKey;
    }

    static void requireP256(ECParameterSpec params) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(params))) {
            throw new IllegalArgumentException("the key must be on curve P-256 (ES256)");
        }
    }

    /**
     * The public point d·G, with the JDK alone: ECDH of the private key with the generator gives its x; y is one of
     * the two square roots of x³ + ax + b (P-256's p ≡ 3 mod 4); the one whose key verifies a signature is it.
     */
    private static ECPublicKey derivePublic(ECPrivateKey key) throws GeneralSecurityException {
        ECParameterSpec spec = key.getParams();
        KeyFactory factory = KeyFactory.getInstance("EC");
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(key);
        agreement.doPhase(factory.generatePublic(new ECPublicKeySpec(spec.getGenerator(), spec)), true);
        BigInteger x = new BigInteger(1, agreement.generateSecret());
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger rhs = x.pow(3).add(spec.getCurve().getA().multiply(x)).add(spec.getCurve().getB()).mod(p);
        BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        byte[] probe = "klaslijn-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        for (BigInteger candidate : List.of(y, p.subtract(y))) {
            ECPublicKey pub = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), spec));
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pub);
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return pub;
            }
        }
        throw new IllegalArgumentException("the private key is not a valid P-256 key");
    }
}
