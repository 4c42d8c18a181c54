package nl.klaslijn.common.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies access tokens {@link TokenSigner} issued, for one expected audience per call. Accepts exactly ES256
 * with header {@code typ: at+jwt} and a {@code kid} among its {@link VerificationKeys}; requires {@code iss},
 * {@code aud} equal to the expected audience (one value), {@code iat} no later than now + {@link #CLOCK_SKEW},
 * {@code exp} after {@code iat}, {@code exp - iat} at most the maximum lifetime, and {@code exp} not passed (with
 * the same skew); an optional {@code sid} must be a UUID. Everything else ({@code alg: none}, HMAC, unknown key, ...) is refused. Thread-safe.
 */
public final class TokenVerifier {

    static final String ISSUER = "klaslijn";
    static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    /** How far the clocks of issuer and verifier may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int MAX_TOKEN_LENGTH = 4096;

    private final VerificationKeys keys;
    private final Clock clock;
    private final Duration maxLifetime;

    /** @param maxLifetime tokens whose {@code exp - iat} is longer are refused */
    public TokenVerifier(VerificationKeys keys, Clock clock, Duration maxLifetime) {
        this.keys = keys;
        this.clock = clock;
        this.maxLifetime = maxLifetime;
    }

    /** Returns the claims of a token valid for {@code audience}, or says (without echoing it) what was wrong. */
    public AccessToken verify(String token, TokenAudience audience) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("token missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token too long");
        }
        SignedJWT jwt = parse(token);
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("token algorithm not accepted");
        }
        if (!TYPE.equals(header.getType())) {
            throw new InvalidTokenException("token type not accepted");
        }
        ECPublicKey key = header.getKeyID() == null ? null : keys.find(header.getKeyID());
        if (key == null) {
            throw new InvalidTokenException("token key unknown");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key))) {
                throw new InvalidTokenException("token signature invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("token signature invalid");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException("token issuer not accepted");
        }
        List<String> aud = claims.getAudience();
        if (aud.size() != 1 || !audience.claim().equals(aud.get(0))) {
            throw new InvalidTokenException("token audience not accepted");
        }
        Instant issuedAt = required(claims.getIssueTime(), "issue time");
        Instant expiresAt = required(claims.getExpirationTime(), "expiry");
        Instant now = clock.instant();
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("token issued in the future");
        }
        if (!expiresAt.isAfter(issuedAt) || Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
            throw new InvalidTokenException("token lifetime not accepted");
        }
        if (now.minus(CLOCK_SKEW).isAfter(expiresAt)) {
            throw new InvalidTokenException("token expired");
        }
        return content(claims, issuedAt, expiresAt, audience);
    }

    private static SignedJWT parse(String token) throws InvalidTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("token malformed");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidTokenException("token algorithm not accepted");
        }
        return signed;
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidTokenException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("token claims malformed");
        }
    }

    private static Instant required(Date value, String what) throws InvalidTokenException {
        if (value == null) {
            throw new InvalidTokenException("token has no " + what);
        }
        return value.toInstant();
    }

    private static AccessToken content(JWTClaimsSet claims, Instant issuedAt, Instant expiresAt, TokenAudience audience)
            throws InvalidTokenException {
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
            return new AccessToken(userId, schoolId, roles, issuedAt, expiresAt, audience,
                    sid == null ? null : UUID.fromString(sid));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("token claims malformed");
        }
    }
}
