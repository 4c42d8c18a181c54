package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Building a school's structure: what the administrator may link, and the precise problems for what not. */
class SchoolStructureIT extends PortalIT {

    @Test
    void groupShowsItsTeachersAndClassParents() {
        SchoolFixture school = school("Structure");
        UUID group = school.group("5A");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Sanne", pupil);
        school.teacher(group);
        school.classParent(group, parent);

        Api.Response r = api.get(school.path("/groups/" + group), parent.accessToken());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("teachers").size()).isEqualTo(1);
        assertThat(r.body().path("classParents").get(0).path("name").asString()).isEqualTo("Parent of Sanne");
    }

    @Test
    void onlyStaffWithTheTeacherRoleCanTeachAGroup() {
        SchoolFixture school = school("Not a teacher");
        UUID group = school.group("5A");
        Api.Response admin2 = api.post(school.path("/staff"), school.admin.accessToken(),
                Map.of("name", "Office", "email", SchoolFixture.email(), "roles", List.of("ADMINISTRATOR")));

        Api.Response r = api.put(school.path("/groups/" + group + "/teachers/" + admin2.text("staffId")),
                school.admin.accessToken(), null);
        Api.Response unknown = api.put(school.path("/groups/" + group + "/teachers/" + UUID.randomUUID()),
                school.admin.accessToken(), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("not-a-teacher");
        assertThat(unknown.problem()).isEqualTo("not-a-teacher");
    }

    @Test
    void aClassParentMustHaveAChildInTheGroup() {
        SchoolFixture school = school("Class parent");
        UUID groupA = school.group("A");
        UUID groupB = school.group("B");
        UUID pupil = school.pupil(groupA, "Eva");
        UUID guardian = school.guardian(pupil, "Ilse");

        Api.Response r = api.put(school.path("/groups/" + groupB + "/class-parents/" + guardian), school.admin.accessToken(), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("not-a-parent-of-group");
    }

    @Test
    void aPupilMustJoinAnExistingGroupOfTheSchool() {
        SchoolFixture school = school("Unknown group");
        SchoolFixture other = school("Other");
        UUID foreignGroup = other.group("X");

        Api.Response r = api.post(school.path("/pupils"), school.admin.accessToken(),
                Map.of("firstName", "Tim", "lastName", "Smit", "groupId", foreignGroup.toString()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("unknown-group");
    }

    @Test
    void siblingsShareAGuardianWhoRegistersOnceAndSeesBoth() {
        SchoolFixture school = school("Siblings share");
        UUID group = school.group("3");
        UUID older = school.pupil(group, "Older");
        UUID younger = school.pupil(group, "Younger");
        UUID guardian = school.guardian(older, "Shared");
        assertThat(api.put(school.path("/pupils/" + younger + "/guardians/" + guardian), school.admin.accessToken(), null)
                .status()).isEqualTo(204);
        SchoolFixture.Member parent = school.register(school.tokenFor(group, guardian, older));

        Api.Response list = api.post(school.path("/groups/" + group + "/registration-tokens"), school.admin.accessToken(), null);

        assertThat(list.body().size()).isZero();
        assertThat(api.get("/api/me", parent.accessToken()).body().path("children").size()).isEqualTo(2);
        assertThat(api.get(school.path("/pupils/" + younger), parent.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void staffRolesAreValidated() {
        SchoolFixture school = school("Roles");

        Api.Response r = api.post(school.path("/staff"), school.admin.accessToken(),
                Map.of("name", "X", "email", SchoolFixture.email(), "roles", List.of()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("errors").findValuesAsString("field")).containsExactly("roles");
    }

    @Test
    void movingAPupilChangesBothClassListsAndTheGuardiansChildren() {
        SchoolFixture school = school("Move");
        UUID from = school.group("4");
        UUID to = school.group("5");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(from, "Lotte", pupil);

        Api.Response moved = api.put(school.path("/pupils/" + pupil[0] + "/group"), school.admin.accessToken(),
                Map.of("groupId", to.toString()));
        Api.Response unknown = api.put(school.path("/pupils/" + pupil[0] + "/group"), school.admin.accessToken(),
                Map.of("groupId", UUID.randomUUID().toString()));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.text("groupId")).isEqualTo(to.toString());
        assertThat(api.get(school.path("/groups/" + from + "/pupils"), school.admin.accessToken()).body().size()).isZero();
        assertThat(api.get(school.path("/groups/" + to + "/pupils"), school.admin.accessToken()).body()
                .findValuesAsString("pupilId")).containsExactly(pupil[0].toString());
        assertThat(api.get("/api/me", parent.accessToken()).body().path("children").get(0).path("groupId").asString())
                .isEqualTo(to.toString());
        assertThat(unknown.problem()).isEqualTo("unknown-group");
    }

    @Test
    void unlinkingAGuardianEndsTheirAccessToThePupil() {
        SchoolFixture school = school("Unlink");
        UUID group = school.group("1");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Sem", pupil);
        UUID guardian = UUID.fromString(api.get("/api/me", parent.accessToken()).text("guardianId"));

        Api.Response unlinked = api.delete(school.path("/pupils/" + pupil[0] + "/guardians/" + guardian),
                school.admin.accessToken());

        assertThat(unlinked.status()).isEqualTo(204);
        assertThat(api.get(school.path("/pupils/" + pupil[0]), parent.accessToken()).status()).isEqualTo(404);
        assertThat(api.get(school.path("/pupils/" + pupil[0]), school.admin.accessToken()).body().path("guardians").size())
                .isZero();
    }
}
