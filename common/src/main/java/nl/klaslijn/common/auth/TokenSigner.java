package nl.klaslijn.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Issues access tokens: compact JWS, ES256, header {@code typ: at+jwt} (RFC 9068) and {@code kid}; claims
 * {@code iss}, {@code aud} (one {@link TokenAudience}), {@code sub} (user id), {@code sch} (school id),
 * {@code roles}, {@code iat}, {@code exp} and, for a token issued from a session, {@code sid} (the session id).
 * Only portal-api signs. Thread-safe.
 */
public final class TokenSigner {

    private final SigningKey key;
    private final ECDSASigner signer;
    private final Clock clock;
    private final Duration maxLifetime;

    /** @param maxLifetime the longest lifetime {@link #issue} accepts (verifiers refuse longer ones too) */
    public TokenSigner(SigningKey key, Clock clock, Duration maxLifetime) {
        this.key = key;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
        try {
            this.signer = new ECDSASigner(key.privateKey());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
    }

    /** A token issued outside a session (no {@code sid}): service tokens, the demo's tokens. */
    public String issue(UUID userId, UUID schoolId, Set<Role> roles, TokenAudience audience, Duration lifetime) {
        return issue(userId, schoolId, roles, audience, lifetime, null);
    }

    /**
     * @param sessionId written as the {@code sid} claim when not null
     * @throws IllegalArgumentException when {@code lifetime} is not positive or exceeds the maximum
     */
    public String issue(UUID userId, UUID schoolId, Set<Role> roles, TokenAudience audience, Duration lifetime,
            @Nullable UUID sessionId) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("token lifetime must be positive and at most " + maxLifetime);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (sessionId != null) {
            builder.claim("sid", sessionId.toString());
        }
        JWTClaimsSet claims = builder
                .issuer(TokenVerifier.ISSUER)
                .audience(audience.claim())
                .subject(userId.toString())
                .claim("sch", schoolId.toString())
                .claim("roles", roles.stream().map(Enum::name).sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(TokenVerifier.TYPE)
                .keyID(key.keyId())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** The {@code kid} this signer writes. */
    public String keyId() {
        return key.keyId();
    }
}
