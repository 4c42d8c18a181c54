package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The first-login welcome: the school's text and a checklist, shown until acknowledged, per school. */
class WelcomeIT extends PortalIT {

    private static JsonNode item(Api.Response welcome, String name) {
        for (JsonNode item : welcome.body().path("checklist")) {
            if (item.path("item").asString().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no checklist item " + name + " in " + welcome.body());
    }

    @Test
    void aParentSeesTheWelcomeAndChecklistUntilTheyAcknowledgeIt() {
        SchoolFixture school = school("Welcome");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("5A"), "Sanne", pupil);
        Api.Response set = api.put(school.path("/welcome-text"), school.admin.accessToken(),
                Map.of("text", "Welkom bij De Regenboog!"));
        assertThat(set.status()).isEqualTo(204);

        Api.Response first = api.get("/api/me/welcome", parent.accessToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("show").asBoolean()).isTrue();
        assertThat(first.text("welcomeText")).isEqualTo("Welkom bij De Regenboog!");
        assertThat(first.body().path("checklist").findValuesAsString("item"))
                .containsExactly("check-details", "medical-data", "change-password");
        assertThat(item(first, "check-details").path("done").asBoolean()).isFalse();
        JsonNode medical = item(first, "medical-data");
        assertThat(medical.path("children").findValuesAsString("pupilId")).containsExactly(pupil[0].toString());
        assertThat(medical.path("connected").asBoolean()).isTrue();
        assertThat(medical.path("children").get(0).path("complete").asBoolean()).isFalse();
        assertThat(medical.path("done").asBoolean()).isFalse();
        assertThat(item(first, "change-password").path("optional").asBoolean()).isTrue();

        assertThat(api.post("/api/me/welcome/acknowledge", parent.accessToken(), null).status()).isEqualTo(204);
        Api.Response after = api.get("/api/me/welcome", parent.accessToken());

        assertThat(after.body().path("show").asBoolean()).isFalse();
        assertThat(after.text("acknowledgedAt")).isNotEmpty();
        assertThat(item(after, "check-details").path("done").asBoolean()).isTrue();
        // Acknowledging again keeps the first moment.
        api.post("/api/me/welcome/acknowledge", parent.accessToken(), null);
        assertThat(api.get("/api/me/welcome", parent.accessToken()).text("acknowledgedAt"))
                .isEqualTo(after.text("acknowledgedAt"));
    }

    @Test
    void theMedicalItemIsDoneOnceEveryChildHasARecordWithAnEmergencyContact() {
        SchoolFixture school = school("Welcome medical");
        UUID group = school.group("5A");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Sanne", pupil);
        UUID sanne = pupil[0];
        UUID daan = school.pupil(group, "Daan");
        assertThat(api.put(school.path("/pupils/" + daan + "/guardians/" + school.guardianIdOf(parent)),
                school.admin.accessToken(), null).status()).isEqualTo(204);

        JsonNode before = item(api.get("/api/me/welcome", parent.accessToken()), "medical-data");
        assertThat(before.path("connected").asBoolean()).isTrue();
        assertThat(completeness(before)).containsEntry(sanne.toString(), false).containsEntry(daan.toString(), false);
        assertThat(before.path("done").asBoolean()).isFalse();

        // Sanne: saved with allergies only, no emergency contact: not yet complete.
        assertThat(api.put(school.path("/pupils/" + sanne + "/medical"), parent.accessToken(),
                Map.of("allergies", "Pinda")).status()).isEqualTo(200);
        JsonNode allergiesOnly = item(api.get("/api/me/welcome", parent.accessToken()), "medical-data");
        assertThat(completeness(allergiesOnly)).containsEntry(sanne.toString(), false);

        // Sanne with an emergency contact: complete; Daan still open, so the item is not done.
        assertThat(api.put(school.path("/pupils/" + sanne + "/medical"), parent.accessToken(),
                Map.of("allergies", "Pinda", "emergencyContact", Map.of("name", "Oma", "phone", "+31 20 555 0101")))
                .status()).isEqualTo(200);
        JsonNode one = item(api.get("/api/me/welcome", parent.accessToken()), "medical-data");
        assertThat(completeness(one)).containsEntry(sanne.toString(), true).containsEntry(daan.toString(), false);
        assertThat(one.path("done").asBoolean()).isFalse();

        // Daan has no allergies, diets or medication: the emergency contact alone completes his record.
        assertThat(api.put(school.path("/pupils/" + daan + "/medical"), parent.accessToken(),
                Map.of("emergencyContact", Map.of("name", "Opa", "phone", "+31 20 555 0202"))).status()).isEqualTo(200);
        JsonNode both = item(api.get("/api/me/welcome", parent.accessToken()), "medical-data");
        assertThat(completeness(both)).containsEntry(sanne.toString(), true).containsEntry(daan.toString(), true);
        assertThat(both.path("done").asBoolean()).isTrue();
        // Checking completeness reads no values, so it is not in the audit log as a read.
        Api.Response log = api.get(school.path("/audit-log"), school.admin.accessToken());
        assertThat(log.body().path("entries").findValuesAsString("action")).doesNotContain("MEDICAL_READ");
    }

    private static Map<String, Boolean> completeness(JsonNode medicalItem) {
        Map<String, Boolean> out = new java.util.HashMap<>();
        medicalItem.path("children").forEach(c -> out.put(c.path("pupilId").asString(), c.path("complete").asBoolean()));
        return out;
    }

    @Test
    void staffGetNoMedicalItemAndASchoolWithoutTextShowsNone() {
        SchoolFixture school = school("Welcome staff");
        SchoolFixture.Member teacher = school.teacher(school.group("5A"));

        Api.Response welcome = api.get("/api/me/welcome", teacher.accessToken());

        assertThat(welcome.status()).isEqualTo(200);
        assertThat(welcome.body().has("welcomeText")).isFalse();
        assertThat(welcome.body().path("checklist").findValuesAsString("item"))
                .containsExactly("check-details", "change-password");
    }

    @Test
    void theWelcomeTextIsCheckedAndTheAcknowledgementIsPerPerson() {
        SchoolFixture school = school("Welcome checks");
        Api.Response tooLong = api.put(school.path("/welcome-text"), school.admin.accessToken(),
                Map.of("text", "x".repeat(10_001)));
        SchoolFixture.Member teacher = school.teacher(school.group("5A"));
        api.post("/api/me/welcome/acknowledge", school.admin.accessToken(), null);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.problem()).isEqualTo("invalid-request");
        assertThat(api.get("/api/me/welcome", teacher.accessToken()).body().path("show").asBoolean()).isTrue();
        assertThat(api.get("/api/me/welcome", school.admin.accessToken()).body().path("show").asBoolean()).isFalse();
        assertThat(api.get("/api/me/welcome", null).status()).isEqualTo(401);
        assertThat(api.get("/api/me/welcome", operatorToken()).status()).isEqualTo(404);
    }
}
