package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builds a school through the real API, as its people would: the operator creates it, the administrator registers
 * with the printed token, creates groups, staff, pupils and guardians; teachers and parents register with theirs.
 */
final class SchoolFixture {

    static final String PASSWORD = "correct horse battery";

    /** Someone with an account: their ids and a fresh session. */
    record Member(UUID accountId, String email, String accessToken, String refreshToken, String chatToken) {}

    private final Api api;
    final UUID schoolId;
    final Member admin;

    SchoolFixture(Api api, String operatorToken, String name) {
        this.api = api;
        Api.Response created = api.post("/api/schools", operatorToken, Map.of("name", name,
                "administrator", Map.of("name", "Admin " + name, "email", email())));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        schoolId = UUID.fromString(created.text("schoolId"));
        admin = register(created.text("administratorRegistrationToken"));
    }

    static String email() {
        return "p-" + UUID.randomUUID() + "@example.org";
    }

    String path(String rest) {
        return "/api/schools/" + schoolId + rest;
    }

    /** Registers a new account with {@code token}; fails the test unless it succeeds. */
    Member register(String token) {
        String email = email();
        Api.Response r = api.post("/api/registrations", null, Map.of("token", token, "email", email, "password", PASSWORD));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return new Member(UUID.fromString(r.text("accountId")), email, r.text("accessToken"), r.text("refreshToken"),
                r.text("chatToken"));
    }

    UUID group(String name) {
        Api.Response r = api.post(path("/groups"), admin.accessToken(), Map.of("name", name));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return UUID.fromString(r.text("groupId"));
    }

    /** A registered teacher of {@code group}. */
    Member teacher(UUID group) {
        Api.Response r = api.post(path("/staff"), admin.accessToken(),
                Map.of("name", "Teacher", "email", email(), "roles", List.of("TEACHER")));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        Api.Response added = api.put(path("/groups/" + group + "/teachers/" + r.text("staffId")), admin.accessToken(), null);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(204);
        return register(r.text("registrationToken"));
    }

    UUID pupil(UUID group, String firstName) {
        Api.Response r = api.post(path("/pupils"), admin.accessToken(),
                Map.of("firstName", firstName, "lastName", "Jansen", "groupId", group.toString()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return UUID.fromString(r.text("pupilId"));
    }

    UUID guardian(UUID pupil, String name) {
        Api.Response r = api.post(path("/pupils/" + pupil + "/guardians"), admin.accessToken(),
                Map.of("name", name, "email", email()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return UUID.fromString(r.text("guardianId"));
    }

    /** Prints the group's registration tokens and returns the one for this guardian and pupil. */
    String tokenFor(UUID group, UUID guardian, UUID pupil) {
        Api.Response r = api.post(path("/groups/" + group + "/registration-tokens"), admin.accessToken(), null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        for (JsonNode line : r.body()) {
            if (line.path("guardianId").asString().equals(guardian.toString())
                    && line.path("pupilId").asString().equals(pupil.toString())) {
                return line.path("token").asString();
            }
        }
        throw new AssertionError("no token printed for guardian " + guardian + " of pupil " + pupil);
    }

    /** A registered parent of a new pupil in {@code group}; returns the parent and sets {@code pupilOut[0]}. */
    Member parentOfNewPupil(UUID group, String firstName, UUID[] pupilOut) {
        UUID pupil = pupil(group, firstName);
        UUID guardian = guardian(pupil, "Parent of " + firstName);
        pupilOut[0] = pupil;
        return register(tokenFor(group, guardian, pupil));
    }

    /** Makes the parent's guardian record a class parent of the group. */
    void classParent(UUID group, Member parent) {
        Api.Response me = api.get("/api/me", parent.accessToken());
        UUID guardian = UUID.fromString(me.text("guardianId"));
        Api.Response r = api.put(path("/groups/" + group + "/class-parents/" + guardian), admin.accessToken(), null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(204);
    }

    /** The guardian id of a registered parent at this school (their session's school). */
    UUID guardianIdOf(Member parent) {
        Api.Response me = api.get("/api/me", parent.accessToken());
        assertThat(me.status()).as(me.body().toString()).isEqualTo(200);
        return UUID.fromString(me.text("guardianId"));
    }

    /** A further guardian of {@code pupil} (in {@code group}) who registers with their own token. */
    Member registeredGuardian(UUID group, UUID pupil, String name) {
        return register(tokenFor(group, guardian(pupil, name), pupil));
    }

    /** A registered staff member with the given roles, teaching no group. */
    Member staff(String name, String... roles) {
        Api.Response r = api.post(path("/staff"), admin.accessToken(),
                Map.of("name", name, "email", email(), "roles", List.of(roles)));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return register(r.text("registrationToken"));
    }
}
