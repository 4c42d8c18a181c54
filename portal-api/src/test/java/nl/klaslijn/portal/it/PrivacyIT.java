package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.privacy.Profiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Privacy choices as other people see them, through the group and school information pages. Group A has pupil Pim
 * (guardians Anna and her ex-partner Bert) and pupil Cas (guardian Carla); a teacher teaches A.
 */
class PrivacyIT extends PortalIT {

    @Autowired
    Profiles profiles;

    SchoolFixture school;
    UUID groupA;
    UUID pim;
    SchoolFixture.Member anna;
    SchoolFixture.Member bert;
    SchoolFixture.Member carla;
    SchoolFixture.Member teacher;
    UUID annaId;

    @BeforeEach
    void groupWithTwoFamilies() {
        school = school("Privacy");
        groupA = school.group("A");
        UUID[] pupil = new UUID[1];
        anna = school.parentOfNewPupil(groupA, "Pim", pupil);
        pim = pupil[0];
        bert = school.registeredGuardian(groupA, pim, "Bert");
        carla = school.parentOfNewPupil(groupA, "Cas", new UUID[1]);
        teacher = school.teacher(groupA);
        annaId = school.guardianIdOf(anna);
    }

    private Map<String, Object> annasProfile(List<String> shared, boolean visibleToOtherGuardians, boolean staffOnly) {
        return Map.of("phone", "+31 6 1234 5678", "email", "anna@example.org", "address", "Dorpsstraat 1, Ergens",
                "photoUrl", "https://photos.example.org/anna.jpg", "sharedWithGroupParents", shared,
                "visibleToOtherGuardians", visibleToOtherGuardians, "staffContactOnly", staffOnly);
    }

    private void saveAnna(List<String> shared, boolean visibleToOtherGuardians, boolean staffOnly) {
        Api.Response r = api.put("/api/me/profile/guardian", anna.accessToken(),
                annasProfile(shared, visibleToOtherGuardians, staffOnly));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    /** Anna's entry on group A's page as {@code viewer} sees it. */
    private JsonNode annaAsSeenBy(SchoolFixture.Member viewer) {
        Api.Response page = api.get(school.path("/groups/" + groupA + "/info"), viewer.accessToken());
        assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
        for (JsonNode classmate : page.body().path("classmates")) {
            for (JsonNode guardian : classmate.path("guardians")) {
                if (guardian.path("guardianId").asString().equals(annaId.toString())) {
                    return guardian;
                }
            }
        }
        throw new AssertionError("Anna is not on the group page: " + page.body());
    }

    private static List<String> contactFields(JsonNode guardian) {
        List<String> fields = new ArrayList<>();
        guardian.path("contact").propertyNames().forEach(fields::add);
        return fields;
    }

    @Test
    void anotherParentOfTheGroupSeesNoContactDetailsByDefault() {
        saveAnna(List.of(), false, false);

        JsonNode seen = annaAsSeenBy(carla);

        assertThat(seen.path("name").asString()).isEqualTo("Parent of Pim");
        assertThat(contactFields(seen)).isEmpty();
        assertThat(seen.toString()).doesNotContain("1234").doesNotContain("anna@").doesNotContain("Dorpsstraat");
    }

    @Test
    void aParentWhoNeverSavedAProfileSharesNothingEither() {
        assertThat(contactFields(annaAsSeenBy(carla))).isEmpty();
        Api.Response mine = api.get("/api/me/profile", anna.accessToken());
        assertThat(mine.body().path("guardian").path("sharedWithGroupParents").size()).isZero();
        assertThat(mine.body().path("guardian").path("visibleToOtherGuardians").asBoolean()).isFalse();
        assertThat(mine.body().path("guardian").path("staffContactOnly").asBoolean()).isFalse();
        assertThat(mine.body().has("staff")).isFalse();
    }

    @Test
    void afterSharingThePhoneAnotherParentSeesOnlyThePhone() {
        saveAnna(List.of("PHONE"), false, false);

        JsonNode seen = annaAsSeenBy(carla);

        assertThat(contactFields(seen)).containsExactly("phone");
        assertThat(seen.path("contact").path("phone").asString()).isEqualTo("+31 6 1234 5678");
    }

    @Test
    void theGroupsTeacherAndTheAdministratorSeeEveryContactDetail() {
        saveAnna(List.of(), false, false);

        for (SchoolFixture.Member staff : List.of(teacher, school.admin)) {
            JsonNode seen = annaAsSeenBy(staff);
            assertThat(contactFields(seen)).containsExactlyInAnyOrder("phone", "email", "address", "photoUrl");
            assertThat(seen.path("chatUserId").asString()).isEqualTo(anna.accountId().toString());
        }
    }

    @Test
    void theOtherGuardianSeesNothingUntilAllowedThenEverything() {
        saveAnna(List.of("PHONE"), false, false);

        assertThat(contactFields(annaAsSeenBy(bert))).as("ex-partner, not allowed, not even the shared phone").isEmpty();
        assertThat(contactFields(annaAsSeenBy(carla))).containsExactly("phone");

        saveAnna(List.of("PHONE"), true, false);

        assertThat(contactFields(annaAsSeenBy(bert))).containsExactlyInAnyOrder("phone", "email", "address", "photoUrl");
        assertThat(contactFields(annaAsSeenBy(carla))).as("other parents still see only the shared field")
                .containsExactly("phone");
    }

    @Test
    void staffOnlyContactHidesTheChatIdFromParentsAndIsReadableByTheChatSync() {
        UUID carlaId = school.guardianIdOf(carla);
        assertThat(annaAsSeenBy(carla).path("chatUserId").asString()).isEqualTo(anna.accountId().toString());

        saveAnna(List.of("EMAIL"), false, true);

        JsonNode byParent = annaAsSeenBy(carla);
        assertThat(byParent.path("contactByStaffOnly").asBoolean()).isTrue();
        assertThat(byParent.has("chatUserId")).isFalse();
        assertThat(byParent.path("contact").path("email").asString()).isEqualTo("anna@example.org");
        assertThat(annaAsSeenBy(teacher).path("chatUserId").asString()).isEqualTo(anna.accountId().toString());
        assertThat(profiles.contactByStaffOnly(school.schoolId, annaId)).isTrue();
        assertThat(profiles.contactByStaffOnly(school.schoolId, carlaId)).isFalse();
        assertThat(profiles.staffContactOnly(school.schoolId, List.of(annaId, carlaId))).containsExactly(annaId);
    }

    @Test
    void theGuardianSeesTheirOwnEntryInFull() {
        saveAnna(List.of(), false, false);

        assertThat(contactFields(annaAsSeenBy(anna))).containsExactlyInAnyOrder("phone", "email", "address", "photoUrl");
    }

    @Test
    void theSchoolPageShowsStaffWithTheFieldsTheyShareAndTheirChatIds() {
        Api.Response saved = api.put("/api/me/profile/staff", teacher.accessToken(), Map.of("phone", "010-1234567",
                "email", "juf@school.example.org", "sharedWithSchool", List.of("EMAIL")));
        assertThat(saved.status()).as(saved.body().toString()).isEqualTo(200);

        Api.Response page = api.get(school.path("/info"), carla.accessToken());

        assertThat(page.status()).isEqualTo(200);
        JsonNode found = null;
        for (JsonNode staff : page.body().path("staff")) {
            if (staff.path("chatUserId").asString().equals(teacher.accountId().toString())) {
                found = staff;
            }
        }
        assertThat(found).as(page.body().toString()).isNotNull();
        assertThat(found.path("roles").toString()).contains("TEACHER");
        assertThat(found.path("groups").get(0).path("groupId").asString()).isEqualTo(groupA.toString());
        assertThat(found.path("contact").path("email").asString()).isEqualTo("juf@school.example.org");
        assertThat(found.path("contact").has("phone")).isFalse();
        assertThat(page.body().path("staff").size()).isEqualTo(2);
    }

    @Test
    void invalidProfilesAreRejectedAndChangeNothing() {
        saveAnna(List.of("PHONE"), false, false);
        Map<String, Object> badPhone = new java.util.HashMap<>(annasProfile(List.of(), false, false));
        badPhone.put("phone", "call me maybe");
        Map<String, Object> httpPhoto = new java.util.HashMap<>(annasProfile(List.of(), false, false));
        httpPhoto.put("photoUrl", "http://insecure.example.org/a.jpg");
        Map<String, Object> noChoices = new java.util.HashMap<>(annasProfile(List.of(), false, false));
        noChoices.remove("sharedWithGroupParents");
        Map<String, Object> unknownField = new java.util.HashMap<>(annasProfile(List.of("SHOE_SIZE"), false, false));

        for (Map<String, Object> body : List.of(badPhone, httpPhoto, noChoices, unknownField)) {
            Api.Response r = api.put("/api/me/profile/guardian", anna.accessToken(), body);
            assertThat(r.status()).as(body.toString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        Api.Response staffAddress = api.put("/api/me/profile/staff", teacher.accessToken(),
                Map.of("sharedWithSchool", List.of("ADDRESS")));
        assertThat(staffAddress.status()).isEqualTo(400);
        assertThat(staffAddress.problem()).isEqualTo("address-not-shareable");

        assertThat(contactFields(annaAsSeenBy(carla))).containsExactly("phone");
        assertThat(api.get("/api/me/profile", anna.accessToken()).body().path("guardian").path("phone").asString())
                .isEqualTo("+31 6 1234 5678");
    }

    @Test
    void onlyGuardiansHaveAGuardianProfileAndOnlyStaffAStaffProfile() {
        Api.Response adminAsGuardian = api.put("/api/me/profile/guardian", school.admin.accessToken(),
                annasProfile(List.of(), false, false));
        Api.Response parentAsStaff = api.put("/api/me/profile/staff", anna.accessToken(),
                Map.of("sharedWithSchool", Set.of()));

        assertThat(adminAsGuardian.status()).isEqualTo(404);
        assertThat(parentAsStaff.status()).isEqualTo(404);
    }
}
