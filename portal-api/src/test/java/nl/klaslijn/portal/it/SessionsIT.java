package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.InvalidTokenException;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.TokenVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsIT extends PortalIT {

    private SchoolFixture school;
    private SchoolFixture.Member parent;

    @BeforeEach
    void parent() {
        school = school("Sessions");
        UUID[] pupil = new UUID[1];
        parent = school.parentOfNewPupil(school.group("5A"), "Sanne", pupil);
    }

    private Api.Response login(String email, String password) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    @Test
    void loginIssuesAPortalTokenAndAChatTokenThatVerifyWithThePublicKeyOnly() throws Exception {
        Api.Response r = login(parent.email(), SchoolFixture.PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        TokenVerifier chatSide = new TokenVerifier(SIGNING_KEY.verificationKeys(), Clock.systemUTC(), Duration.ofHours(1));
        AccessToken chat = chatSide.verify(r.text("chatToken"), TokenAudience.CHAT);
        assertThat(chat.userId()).isEqualTo(parent.accountId());
        assertThat(chat.schoolId()).isEqualTo(school.schoolId);
        assertThat(chat.roles()).containsExactly(Role.PARENT);
        AccessToken portal = chatSide.verify(r.text("accessToken"), TokenAudience.PORTAL);
        assertThat(portal.userId()).isEqualTo(parent.accountId());
        assertThatThrownBy(() -> chatSide.verify(r.text("accessToken"), TokenAudience.CHAT))
                .hasMessage("token audience not accepted");
        assertThat(r.body().path("expiresIn").asLong()).isEqualTo(300);
    }

    @Test
    void aChatTokenAndAnInternalServiceTokenAreRefusedOnUserEndpoints() {
        Api.Response r = login(parent.email(), SchoolFixture.PASSWORD);
        Api.Response withChatToken = api.get("/api/me", r.text("chatToken"));
        assertThat(withChatToken.status()).isEqualTo(401);
        assertThat(withChatToken.text("detail")).contains("audience");

        String internal = signer.issue(parent.accountId(), school.schoolId, EnumSet.of(Role.SERVICE),
                TokenAudience.INTERNAL, Duration.ofMinutes(2));
        Api.Response withInternalToken = api.get("/api/me", internal);
        assertThat(withInternalToken.status()).isEqualTo(401);
        assertThat(withInternalToken.text("detail")).contains("audience");
        assertThat(api.post("/api/schools", internal, Map.of("name", "Sneaky")).status()).isEqualTo(401);
    }

    @Test
    void loginTreatsWrongPasswordAndUnknownEmailAlike() {
        Api.Response wrong = login(parent.email(), "wrong password!");
        Api.Response unknown = login(SchoolFixture.email(), SchoolFixture.PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
        assertThat(wrong.problem()).isEqualTo("invalid-credentials");
    }

    @Test
    void loginIgnoresTheCaseOfTheEmail() {
        assertThat(login(parent.email().toUpperCase(), SchoolFixture.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Api.Response next = refresh(parent.refreshToken());

        assertThat(next.status()).isEqualTo(200);
        assertThat(next.text("refreshToken")).isNotEqualTo(parent.refreshToken());
        assertThat(refresh(next.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeSession() {
        Api.Response next = refresh(parent.refreshToken());

        Api.Response reuse = refresh(parent.refreshToken());

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.problem()).isEqualTo("refresh-reused");
        Api.Response successor = refresh(next.text("refreshToken"));
        assertThat(successor.status()).isEqualTo(401);
        assertThat(successor.problem()).isEqualTo("refresh-revoked");
    }

    @Test
    void unknownRefreshTokenIsRejected() {
        Api.Response r = refresh("made-up-refresh-token");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problem()).isEqualTo("refresh-invalid");
    }

    @Test
    void expiredRefreshTokenIsRejected() {
        clock.advance(Duration.ofDays(31));

        Api.Response r = refresh(parent.refreshToken());

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.problem()).isEqualTo("refresh-expired");
    }

    @Test
    void logoutEndsOnlyThisDevicesSession() {
        Api.Response otherDevice = login(parent.email(), SchoolFixture.PASSWORD);

        assertThat(api.post("/api/auth/logout", null, Map.of("refreshToken", parent.refreshToken())).status()).isEqualTo(204);

        assertThat(refresh(parent.refreshToken()).problem()).isEqualTo("refresh-revoked");
        assertThat(refresh(otherDevice.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void logoutEverywhereEndsEverySession() {
        Api.Response otherDevice = login(parent.email(), SchoolFixture.PASSWORD);

        assertThat(api.post("/api/me/logout-everywhere", parent.accessToken(), null).status()).isEqualTo(204);

        assertThat(refresh(parent.refreshToken()).problem()).isEqualTo("refresh-revoked");
        assertThat(refresh(otherDevice.text("refreshToken")).problem()).isEqualTo("refresh-revoked");
        Api.Response fresh = login(parent.email(), SchoolFixture.PASSWORD);
        assertThat(refresh(fresh.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndEndsOtherSessions() {
        Api.Response otherDevice = login(parent.email(), SchoolFixture.PASSWORD);
        String next = "a much better passphrase";

        Api.Response wrong = api.put("/api/me/password", parent.accessToken(),
                Map.of("currentPassword", "not the password", "newPassword", next));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.problem()).isEqualTo("wrong-password");

        Api.Response changed = api.put("/api/me/password", parent.accessToken(),
                Map.of("currentPassword", SchoolFixture.PASSWORD, "newPassword", next));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(refresh(otherDevice.text("refreshToken")).problem()).isEqualTo("refresh-revoked");
        assertThat(refresh(changed.text("refreshToken")).status()).isEqualTo(200);
        assertThat(login(parent.email(), SchoolFixture.PASSWORD).status()).isEqualTo(401);
        assertThat(login(parent.email(), next).status()).isEqualTo(200);
    }

    @Test
    void requestsWithoutOrWithForgedAccessTokensAreUnauthenticated() {
        String forged = new TokenSigner(SigningKey.generate(), Clock.systemUTC(), Duration.ofHours(1))
                .issue(parent.accountId(), school.schoolId, EnumSet.of(Role.ADMINISTRATOR), TokenAudience.PORTAL,
                        Duration.ofMinutes(5));

        Api.Response none = api.get("/api/me", null);
        Api.Response bad = api.get("/api/me", forged);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.problem()).isEqualTo("unauthenticated");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.text("detail")).contains("token key unknown");
    }

    @Test
    void expiredAccessTokenIsUnauthenticated() {
        clock.advance(Duration.ofMinutes(10));

        assertThat(api.get("/api/me", parent.accessToken()).status()).isEqualTo(401);
        assertThatThrownBy(() -> verifier.verify(parent.accessToken(), TokenAudience.PORTAL)).isInstanceOf(InvalidTokenException.class);
    }
}
