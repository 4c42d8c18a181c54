package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.auth.AccessToken;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.portal.crypto.RandomTokens;
import org.junit.jupiter.api.Test;

class OnboardingIT extends PortalIT {

    private Api.Response register(String token, String email) {
        return api.post("/api/registrations", null, Map.of("token", token, "email", email, "password", SchoolFixture.PASSWORD));
    }

    @Test
    void parentRegistersWithValidTokenAndGetsTokensTheChatAccepts() throws Exception {
        SchoolFixture school = school("Valid");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        UUID guardian = school.guardian(pupil, "Joost");
        String token = school.tokenFor(group, guardian, pupil);

        Api.Response r = register(token, SchoolFixture.email());

        assertThat(r.status()).isEqualTo(201);
        AccessToken verified = verifier.verify(r.text("accessToken"), nl.klaslijn.common.auth.TokenAudience.PORTAL);
        assertThat(verified.schoolId()).isEqualTo(school.schoolId);
        assertThat(verified.roles()).containsExactly(Role.PARENT);
        Api.Response me = api.get("/api/me", r.text("accessToken"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("guardianId")).isEqualTo(guardian.toString());
        assertThat(me.body().path("children").get(0).path("pupilId").asString()).isEqualTo(pupil.toString());
    }

    @Test
    void tokenIsAcceptedWithoutDashesAndInLowerCase() {
        SchoolFixture school = school("Typing");
        UUID group = school.group("1");
        UUID pupil = school.pupil(group, "Bram");
        String token = school.tokenFor(group, school.guardian(pupil, "Ilse"), pupil);

        assertThat(register(token.replace("-", "").toLowerCase(), SchoolFixture.email()).status()).isEqualTo(201);
    }

    @Test
    void usedTokenIsRejectedAsUsed() {
        SchoolFixture school = school("Used");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        String token = school.tokenFor(group, school.guardian(pupil, "Joost"), pupil);
        assertThat(register(token, SchoolFixture.email()).status()).isEqualTo(201);

        Api.Response again = register(token, SchoolFixture.email());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem()).isEqualTo("token-used");
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void expiredTokenIsRejectedAsExpired() {
        SchoolFixture school = school("Expired");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        String token = school.tokenFor(group, school.guardian(pupil, "Joost"), pupil);

        clock.advance(Duration.ofDays(31));
        Api.Response r = register(token, SchoolFixture.email());

        assertThat(r.status()).isEqualTo(410);
        assertThat(r.problem()).isEqualTo("token-expired");
    }

    @Test
    void guessedTokenIsRejectedAsUnknown() {
        Api.Response guessed = register(RandomTokens.printable(), SchoolFixture.email());
        Api.Response garbage = register("not a token at all!", SchoolFixture.email());

        assertThat(guessed.status()).isEqualTo(400);
        assertThat(guessed.problem()).isEqualTo("token-unknown");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.problem()).isEqualTo("token-unknown");
    }

    @Test
    void reprintingReplacesTheEarlierToken() {
        SchoolFixture school = school("Reprint");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        UUID guardian = school.guardian(pupil, "Joost");
        String first = school.tokenFor(group, guardian, pupil);
        String second = school.tokenFor(group, guardian, pupil);

        Api.Response r = register(first, SchoolFixture.email());

        assertThat(r.status()).isEqualTo(410);
        assertThat(r.problem()).isEqualTo("token-revoked");
        assertThat(register(second, SchoolFixture.email()).status()).isEqualTo(201);
    }

    @Test
    void registeredGuardiansAreLeftOffTheNextPrintedList() {
        SchoolFixture school = school("Printed");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        UUID guardian = school.guardian(pupil, "Joost");
        school.register(school.tokenFor(group, guardian, pupil));

        Api.Response list = api.post(school.path("/groups/" + group + "/registration-tokens"), school.admin.accessToken(), null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().size()).isZero();
    }

    @Test
    void takenEmailIsRejectedAndLeavesTheTokenUsable() {
        SchoolFixture school = school("Taken");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        String token = school.tokenFor(group, school.guardian(pupil, "Joost"), pupil);

        Api.Response r = register(token, school.admin.email().toUpperCase());

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.problem()).isEqualTo("email-taken");
        assertThat(register(token, SchoolFixture.email()).status()).isEqualTo(201);
    }

    @Test
    void parentLinksAFurtherChildWithItsToken() {
        SchoolFixture school = school("Siblings");
        UUID groupA = school.group("3");
        UUID groupB = school.group("6");
        UUID[] first = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(groupA, "Eva", first);
        UUID second = school.pupil(groupB, "Tim");
        String token = school.tokenFor(groupB, school.guardian(second, "Same parent, second record"), second);

        Api.Response linked = api.post("/api/me/children", parent.accessToken(), Map.of("token", token));

        assertThat(linked.status()).as(linked.body().toString()).isEqualTo(200);
        assertThat(linked.text("pupilId")).isEqualTo(second.toString());
        Api.Response me = api.get("/api/me", parent.accessToken());
        assertThat(me.body().path("children").size()).isEqualTo(2);
        assertThat(api.get(school.path("/pupils/" + second), parent.accessToken()).status()).isEqualTo(200);
        Api.Response reused = api.post("/api/me/children", parent.accessToken(), Map.of("token", token));
        assertThat(reused.problem()).isEqualTo("token-used");
    }

    @Test
    void parentLinksAChildAtAnotherSchoolAndThenChoosesTheSchoolAtLogin() {
        SchoolFixture one = school("One");
        SchoolFixture two = school("Two");
        UUID groupOne = one.group("1");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = one.parentOfNewPupil(groupOne, "Noor", pupil);
        UUID groupTwo = two.group("7");
        UUID other = two.pupil(groupTwo, "Sem");
        String token = two.tokenFor(groupTwo, two.guardian(other, "Parent"), other);

        assertThat(api.post("/api/me/children", parent.accessToken(), Map.of("token", token)).status()).isEqualTo(200);

        Api.Response ambiguous = api.post("/api/auth/login", null, Map.of("email", parent.email(), "password", SchoolFixture.PASSWORD));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.problem()).isEqualTo("school-required");
        Api.Response atTwo = api.post("/api/auth/login", null, Map.of("email", parent.email(), "password",
                SchoolFixture.PASSWORD, "schoolId", two.schoolId.toString()));
        assertThat(atTwo.status()).isEqualTo(200);
        assertThat(api.get(two.path("/pupils/" + other), atTwo.text("accessToken")).status()).isEqualTo(200);
        assertThat(api.get(one.path("/pupils/" + pupil[0]), atTwo.text("accessToken")).status()).isEqualTo(404);
    }

    @Test
    void registrationInputIsValidatedFieldByField() {
        Api.Response r = api.post("/api/registrations", null, Map.of("token", "", "email", "not-an-email", "password", "short"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("invalid-request");
        assertThat(r.body().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("token", "email", "password");
        assertThat(r.raw().body()).doesNotContain("short");
    }
}
