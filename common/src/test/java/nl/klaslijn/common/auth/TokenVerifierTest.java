package nl.klaslijn.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration MAX = Duration.ofHours(1);
    private static final SigningKey KEY = SigningKey.generate();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokenSigner signer = new TokenSigner(KEY, clock, MAX);
    private final TokenVerifier verifier = new TokenVerifier(KEY.verificationKeys(), clock, MAX);
    private final UUID user = UUID.randomUUID();
    private final UUID school = UUID.randomUUID();

    @Test
    void verifiesWhatItIssuedForTheSameAudience() throws Exception {
        String token = signer.issue(user, school, Set.of(Role.TEACHER), TokenAudience.CHAT, Duration.ofMinutes(5));
        AccessToken verified = verifier.verify(token, TokenAudience.CHAT);
        assertThat(verified.userId()).isEqualTo(user);
        assertThat(verified.schoolId()).isEqualTo(school);
        assertThat(verified.roles()).containsExactly(Role.TEACHER);
        assertThat(verified.issuedAt()).isEqualTo(NOW);
        assertThat(verified.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(verified.audience()).isEqualTo(TokenAudience.CHAT);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY.keyId());
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String portal = signer.issue(user, school, Set.of(Role.PARENT), TokenAudience.PORTAL, Duration.ofMinutes(5));
        String chat = signer.issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
        String internal = signer.issue(user, school, Set.of(Role.SERVICE), TokenAudience.INTERNAL, Duration.ofMinutes(5));
        assertRefused(portal, TokenAudience.CHAT, "token audience not accepted");
        assertRefused(chat, TokenAudience.PORTAL, "token audience not accepted");
        assertRefused(internal, TokenAudience.PORTAL, "token audience not accepted");
        assertRefused(internal, TokenAudience.CHAT, "token audience not accepted");
        assertRefused(signedWith(claims(NOW, NOW.plusSeconds(60), "chat").audience(List.of("chat", "portal"))),
                TokenAudience.CHAT, "token audience not accepted");
    }

    @Test
    void refusesAlgNone() {
        String none = new PlainJWT(claims(NOW, NOW.plusSeconds(60), "chat").build()).serialize();
        assertRefused(none, TokenAudience.CHAT, "token algorithm not accepted");
    }

    @Test
    void refusesAnHmacTokenEvenOneKeyedWithThePublicKey() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(KEY.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims(NOW, NOW.plusSeconds(60), "chat").build());
        jwt.sign(new MACSigner(KEY.publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        assertRefused(jwt.serialize(), TokenAudience.CHAT, "token algorithm not accepted");
    }

    @Test
    void refusesAnUnknownKeyId() {
        String other = new TokenSigner(SigningKey.generate(), clock, MAX)
                .issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5));
        assertRefused(other, TokenAudience.CHAT, "token key unknown");
    }

    @Test
    void refusesAForeignSignatureUnderAKnownKeyId() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(KEY.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims(NOW, NOW.plusSeconds(60), "chat").build());
        jwt.sign(new ECDSASigner(SigningKey.generate().privateKey()));
        assertRefused(jwt.serialize(), TokenAudience.CHAT, "token signature invalid");
    }

    @Test
    void acceptsEveryKeyOfTheSetSoKeysRotateWithoutDowntime() throws Exception {
        SigningKey next = SigningKey.generate();
        TokenVerifier both = new TokenVerifier(KEY.verificationKeys().and(next.verificationKeys()), clock, MAX);
        String old = signer.issue(user, school, Set.of(), TokenAudience.CHAT, Duration.ofMinutes(5));
        String fresh = new TokenSigner(next, clock, MAX).issue(user, school, Set.of(), TokenAudience.CHAT,
                Duration.ofMinutes(5));
        assertThat(both.verify(old, TokenAudience.CHAT).userId()).isEqualTo(user);
        assertThat(both.verify(fresh, TokenAudience.CHAT).userId()).isEqualTo(user);
    }

    @Test
    void refusesAnIssueTimeInTheFutureBeyondTheSkew() throws Exception {
        Instant later = NOW.plus(TokenVerifier.CLOCK_SKEW).plusSeconds(5);
        assertRefused(signedWith(claims(later, later.plusSeconds(60), "chat")), TokenAudience.CHAT,
                "token issued in the future");
        Instant withinSkew = NOW.plusSeconds(10);
        assertThat(verifier.verify(signedWith(claims(withinSkew, withinSkew.plusSeconds(60), "chat")),
                TokenAudience.CHAT).issuedAt()).isEqualTo(withinSkew);
    }

    @Test
    void refusesALifetimeBeyondTheMaximum() {
        assertRefused(signedWith(claims(NOW, NOW.plus(MAX).plusSeconds(1), "chat")), TokenAudience.CHAT,
                "token lifetime not accepted");
        assertRefused(signedWith(claims(NOW, NOW, "chat")), TokenAudience.CHAT, "token lifetime not accepted");
        assertThatThrownBy(() -> signer.issue(user, school, Set.of(), TokenAudience.CHAT, MAX.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnExpiredTokenAndOneWithoutTimes() {
        Instant past = NOW.minusSeconds(3600);
        assertRefused(signedWith(claims(past, past.plusSeconds(600), "chat")), TokenAudience.CHAT, "token expired");
        assertRefused(signedWith(claims(NOW, NOW.plusSeconds(60), "chat").issueTime(null)), TokenAudience.CHAT,
                "token has no issue time");
    }

    @Test
    void refusesAWrongTypeATamperedPayloadAndGarbage() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(KEY.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims(NOW, NOW.plusSeconds(60), "chat").build());
        jwt.sign(new ECDSASigner(KEY.privateKey()));
        assertRefused(jwt.serialize(), TokenAudience.CHAT, "token type not accepted");

        String[] parts = signer.issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT, Duration.ofMinutes(5))
                .split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(claims(NOW, NOW.plusSeconds(60), "chat")
                .claim("roles", List.of("ADMINISTRATOR")).build().toString()) + "." + parts[2];
        assertRefused(forged, TokenAudience.CHAT, "token signature invalid");
        assertRefused("not-a-token", TokenAudience.CHAT, "token malformed");
        assertRefused("", TokenAudience.CHAT, "token missing");
    }

    @Test
    void keysReadFromPemHaveTheSameKeyIdAndVerificationKeysRefusePrivateKeys() {
        assertThat(SigningKey.parse(KEY.privateKeyPem()).keyId()).isEqualTo(KEY.keyId());
        assertThat(VerificationKeys.parse(KEY.publicKeyPem() + SigningKey.generate().publicKeyPem()).keyIds())
                .hasSize(2).contains(KEY.keyId());
        assertThatThrownBy(() -> VerificationKeys.parse(KEY.privateKeyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected PEM blocks of type PUBLIC KEY");
        assertThatThrownBy(() -> SigningKey.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void carriesTheSessionIdWhenIssuedWithOneAndRefusesAMalformedOne() throws Exception {
        UUID sid = UUID.randomUUID();
        assertThat(verifier.verify(signer.issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT,
                Duration.ofMinutes(5), sid), TokenAudience.CHAT).sessionId()).isEqualTo(sid);
        assertThat(verifier.verify(signer.issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT,
                Duration.ofMinutes(5)), TokenAudience.CHAT).sessionId()).isNull();
        assertRefused(signedWith(claims(NOW, NOW.plusSeconds(60), "chat").claim("sid", "not-a-uuid")),
                TokenAudience.CHAT, "token claims malformed");
    }

    private JWTClaimsSet.Builder claims(Instant iat, Instant exp, String audience) {
        return new JWTClaimsSet.Builder().issuer("klaslijn").audience(audience).subject(user.toString())
                .claim("sch", school.toString()).claim("roles", List.of("PARENT"))
                .issueTime(Date.from(iat)).expirationTime(Date.from(exp));
    }

    /** A correctly signed ES256 token with claims the signer would not issue. */
    private static String signedWith(JWTClaimsSet.Builder claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(KEY.keyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(new ECDSASigner(KEY.privateKey()));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private void assertRefused(String token, TokenAudience audience, String reason) {
        assertThatThrownBy(() -> verifier.verify(token, audience))
                .isInstanceOf(InvalidTokenException.class).hasMessage(reason);
    }
}
