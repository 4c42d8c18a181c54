package nl.klaslijn.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Issues and verifies the short-lived access tokens that chat-server accepts on STOMP CONNECT:
 * compact JWS (HS256) with claims {@code sub} (user id), {@code sch} (school id), {@code roles},
 * {@code iss}, {@code iat}, {@code exp} and, for tokens issued from a session, {@code sid} (session id). portal-api issues them; chat-server only verifies.
 *
 * <p>Thread-safe. The signing key must be at least 32 bytes.
 */
public final class AccessTokens {

    static final String ISSUER = "klaslijn";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public AccessTokens(byte[] signingKey, Clock clock) {
        if (signingKey.length < 32) {
            throw new IllegalArgumentException("signing key must be at least 32 bytes, got " + signingKey.length);
        }
        try {
            this.signer = new MACSigner(signingKey);
            this.verifier = new MACVerifier(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
        this.clock = clock;
    }

    public String issue(UUID userId, UUID schoolId, Set<Role> roles, Duration lifetime) {
        return issue(userId, schoolId, roles, lifetime, null);
    }

    /** As {@link #issue(UUID, UUID, Set, Duration)}, with the {@code sid} claim when {@code sessionId} is not null. */
    public String issue(UUID userId, UUID schoolId, Set<Role> roles, Duration lifetime, @Nullable UUID sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (sessionId != null) {
            builder.claim("sid", sessionId.toString());
        }
        JWTClaimsSet claims = builder
                .issuer(ISSUER)
                .subject(userId.toString())
                .claim("sch", schoolId.toString())
                .claim("roles", roles.stream().map(Enum::name).sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** Checks format, algorithm, signature, issuer and expiry; returns the claims or says what was wrong. */
    public AccessToken verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("token missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token too long");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("token malformed");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("token algorithm not accepted");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("token signature invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("token signature invalid");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException("token issuer not accepted");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidTokenException("token has no expiry");
        }
        Instant expiresAt = exp.toInstant();
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw new InvalidTokenException("token has no issue time");
        }
        if (clock.instant().minus(CLOCK_SKEW).isAfter(expiresAt)) {
            throw new InvalidTokenException("token expired");
        }
        try {
            UUID userId = UUID.fromString(claims.getSubject());
            UUID schoolId = UUID.fromString(claims.getStringClaim("sch"));
            List<String> roleNames = claims.getStringListClaim("roles");
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (roleNames != null) {
                for (String name : roleNames) {
                    roles.add(Role.valueOf(name));
                }
            }
            String sid = claims.getStringClaim("sid");
            return new AccessToken(userId, schoolId, roles, iat.toInstant(), expiresAt,
                    sid == null ? null : UUID.fromString(sid));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("token claims malformed");
        }
    }
}
