package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.crypto.Hashing;
import nl.klaslijn.portal.crypto.RandomTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The data export of a parent, and deleting a pupil's data when they leave the school. */
class PersonalDataIT extends PortalIT {

    @Autowired
    CqlSession session;

    private static Map<String, Object> medical(String allergies) {
        return Map.of("allergies", allergies, "emergencyContact", Map.of("name", "Oma", "phone", "+31 20 555 0101"));
    }

    private static Map<String, Object> profile(List<String> shared) {
        return Map.of("phone", "0612345678", "address", "Dorpsstraat 1", "sharedWithGroupParents", shared,
                "visibleToOtherGuardians", true, "staffContactOnly", true);
    }

    @Test
    void theExportHoldsAccountGuardianRecordChildrenChoicesMedicalDataAndAuditEntries() {
        SchoolFixture school = school("Export");
        UUID groupA = school.group("A");
        UUID groupB = school.group("B");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member anna = school.parentOfNewPupil(groupA, "Pim", pupil);
        UUID pim = pupil[0];
        UUID sam = school.pupil(groupB, "Sam");
        UUID annaId = school.guardianIdOf(anna);
        assertThat(api.put(school.path("/pupils/" + sam + "/guardians/" + annaId), school.admin.accessToken(), null)
                .status()).isEqualTo(204);
        school.parentOfNewPupil(groupA, "Cas", pupil);
        UUID cas = pupil[0];
        SchoolFixture.Member teacher = school.teacher(groupA);
        assertThat(api.put("/api/me/profile/guardian", anna.accessToken(), profile(List.of("PHONE"))).status()).isEqualTo(200);
        assertThat(api.put(school.path("/pupils/" + pim + "/medical"), anna.accessToken(), medical("Pinda's")).status())
                .isEqualTo(200);
        assertThat(api.get(school.path("/pupils/" + pim + "/medical"), teacher.accessToken()).status()).isEqualTo(200);
        assertThat(api.postRaw(school.path("/imports"), school.admin.accessToken(), "text/csv",
                "group,pupil_number,first_name,last_name\nA,1001,Pim,Jansen\n").status()).isEqualTo(200);
        assertThat(api.post("/api/me/welcome/acknowledge", anna.accessToken(), null).status()).isEqualTo(204);

        Api.Response export = api.get("/api/me/export", anna.accessToken());

        assertThat(export.status()).isEqualTo(200);
        JsonNode body = export.body();
        assertThat(body.path("account").path("accountId").asString()).isEqualTo(anna.accountId().toString());
        assertThat(body.path("account").path("email").asString()).isEqualTo(anna.email());
        assertThat(body.path("account").path("sessions").size()).isPositive();
        assertThat(export.raw().body()).doesNotContain("argon2").doesNotContainIgnoringCase("password");
        assertThat(body.path("schools").size()).isEqualTo(1);
        JsonNode atSchool = body.path("schools").get(0);
        assertThat(atSchool.path("schoolName").asString()).isEqualTo("Export");
        assertThat(atSchool.path("welcomeAcknowledgedAt").asString()).isEqualTo(
                api.get("/api/me/welcome", anna.accessToken()).text("acknowledgedAt"));
        JsonNode guardian = atSchool.path("guardian");
        assertThat(guardian.path("guardianId").asString()).isEqualTo(annaId.toString());
        assertThat(guardian.path("name").asString()).isEqualTo("Parent of Pim");
        assertThat(guardian.path("profile").path("details").path("phone").asString()).isEqualTo("0612345678");
        assertThat(guardian.path("profile").path("sharedWithGroupParents").toString()).isEqualTo("[\"PHONE\"]");
        assertThat(guardian.path("profile").path("visibleToOtherGuardians").asBoolean()).isTrue();
        assertThat(guardian.path("profile").path("staffContactOnly").asBoolean()).isTrue();

        List<String> children = new ArrayList<>();
        JsonNode pimPart = null;
        for (JsonNode child : atSchool.path("children")) {
            children.add(child.path("pupilId").asString());
            if (child.path("pupilId").asString().equals(pim.toString())) {
                pimPart = child;
            }
        }
        assertThat(children).containsExactlyInAnyOrder(pim.toString(), sam.toString());
        assertThat(pimPart.path("firstName").asString()).isEqualTo("Pim");
        assertThat(pimPart.path("groupName").asString()).isEqualTo("A");
        assertThat(pimPart.path("pupilNumbers").toString()).isEqualTo("[\"1001\"]");
        assertThat(pimPart.path("medical").path("allergies").asString()).isEqualTo("Pinda's");
        assertThat(pimPart.path("medical").path("emergencyContactPhone").asString()).isEqualTo("+31 20 555 0101");
        List<String> audit = new ArrayList<>();
        pimPart.path("auditLog").forEach(e -> audit.add(e.path("action").asString() + " by "
                + e.path("actorAccountId").asString()));
        assertThat(audit).containsExactly(
                "MEDICAL_EXPORTED by " + anna.accountId(),
                "MEDICAL_READ by " + teacher.accountId(),
                "MEDICAL_UPDATED by " + anna.accountId());
        assertThat(export.raw().body()).doesNotContain(cas.toString()).doesNotContain("Parent of Cas");
    }

    @Test
    void deletingAPupilLeavesNothingOfThemOrOfTheirOnlyChildGuardians() {
        String unique = "Zoe" + UUID.randomUUID().toString().substring(0, 8);
        SchoolFixture school = school("Leaving");
        UUID groupA = school.group("A");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(groupA, unique, pupil);
        UUID zoe = pupil[0];
        UUID parentId = school.guardianIdOf(parent);
        UUID unregistered = school.guardian(zoe, "Second " + unique);
        String printedToken = school.tokenFor(groupA, unregistered, zoe);
        school.classParent(groupA, parent);
        SchoolFixture.Member teacher = school.teacher(groupA);
        assertThat(api.put("/api/me/profile/guardian", parent.accessToken(), profile(List.of())).status()).isEqualTo(200);
        assertThat(api.put(school.path("/pupils/" + zoe + "/medical"), parent.accessToken(), medical("Noten")).status())
                .isEqualTo(200);
        assertThat(api.get(school.path("/pupils/" + zoe + "/medical"), teacher.accessToken()).status()).isEqualTo(200);
        assertThat(api.postRaw(school.path("/imports"), school.admin.accessToken(), "text/csv",
                "group,pupil_number,first_name,last_name\nA,7001," + unique + ",Jansen\n").status()).isEqualTo(200);
        assertThat(api.post("/api/me/welcome/acknowledge", parent.accessToken(), null).status()).isEqualTo(204);

        assertThat(scan(List.of(zoe.toString()), "audit_log")).as("the scan finds the pupil while they exist")
                .anyMatch(r -> r.startsWith("pupils:")).anyMatch(r -> r.startsWith("medical_records:"))
                .anyMatch(r -> r.startsWith("pupil_numbers:"))
                .anyMatch(r -> r.startsWith("pupil_audit_log:")).anyMatch(r -> r.startsWith("registration_tokens:"));

        Api.Response deleted = api.delete(school.path("/pupils/" + zoe), school.admin.accessToken());

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(204);
        List<String> leftovers = scan(List.of(zoe.toString(), parentId.toString(), unregistered.toString(), unique),
                "audit_log");
        assertThat(leftovers).as("rows still mentioning the pupil, their guardians or names").isEmpty();
        assertThat(scan(List.of(unique, parentId.toString(), unregistered.toString()), "-")).isEmpty();
        assertThat(session.execute("SELECT * FROM registration_tokens WHERE token_hash = ?",
                Hashing.sha256(RandomTokens.canonical(printedToken))).one()).isNull();
        assertThat(api.get(school.path("/pupils/" + zoe), school.admin.accessToken()).status()).isEqualTo(404);
        assertThat(api.get(school.path(""), parent.accessToken()).status()).as("no longer a member").isEqualTo(404);
        assertThat(session.execute("SELECT * FROM welcome_acknowledgements WHERE school_id = ? AND account_id = ?",
                school.schoolId, parent.accountId()).one()).as("the former member's welcome acknowledgement").isNull();
        Api.Response group = api.get(school.path("/groups/" + groupA), school.admin.accessToken());
        assertThat(group.body().path("classParents").size()).isZero();
        Api.Response redeem = api.post("/api/registrations", null,
                Map.of("token", printedToken, "email", SchoolFixture.email(), "password", SchoolFixture.PASSWORD));
        assertThat(redeem.problem()).isEqualTo("token-unknown");

        Api.Response log = api.get(school.path("/audit-log"), school.admin.accessToken());
        JsonNode newest = log.body().path("entries").get(0);
        assertThat(newest.path("action").asString()).isEqualTo("PUPIL_DELETED");
        assertThat(newest.path("actorAccountId").asString()).isEqualTo(school.admin.accountId().toString());
        assertThat(newest.path("fields").size()).isZero();
        assertThat(log.raw().body()).doesNotContain(unique).doesNotContain("Noten");
    }

    @Test
    void aGuardianWithAnotherChildAtTheSchoolStaysButLeavesTheClassParentPlaceOfTheGroup() {
        SchoolFixture school = school("Sibling");
        UUID groupA = school.group("A");
        UUID groupB = school.group("B");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(groupA, "Older", pupil);
        UUID older = pupil[0];
        UUID younger = school.pupil(groupB, "Younger");
        UUID parentId = school.guardianIdOf(parent);
        assertThat(api.put(school.path("/pupils/" + younger + "/guardians/" + parentId), school.admin.accessToken(), null)
                .status()).isEqualTo(204);
        school.classParent(groupA, parent);

        assertThat(api.delete(school.path("/pupils/" + older), school.admin.accessToken()).status()).isEqualTo(204);

        Api.Response me = api.get("/api/me", parent.accessToken());
        assertThat(me.text("guardianId")).isEqualTo(parentId.toString());
        assertThat(me.body().path("children").findValuesAsString("pupilId")).containsExactly(younger.toString());
        assertThat(api.get(school.path("/pupils/" + younger), parent.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(school.path("/groups/" + groupA), school.admin.accessToken()).body().path("classParents").size())
                .isZero();
    }

    /** "table: row" for every row of every portal table (but {@code except}) whose values mention one of {@code needles}. */
    private List<String> scan(List<String> needles, String except) {
        List<String> found = new ArrayList<>();
        String keyspace = session.getKeyspace().orElseThrow().asInternal();
        for (TableMetadata table : session.getMetadata().getKeyspace(keyspace).orElseThrow().getTables().values()) {
            String name = table.getName().asInternal();
            if (name.equals(except)) {
                continue;
            }
            for (Row row : session.execute("SELECT * FROM " + name)) {
                StringBuilder values = new StringBuilder();
                for (int i = 0; i < row.getColumnDefinitions().size(); i++) {
                    values.append(row.getObject(i)).append('|');
                }
                for (String needle : needles) {
                    if (values.toString().contains(needle)) {
                        found.add(name + ": " + values);
                    }
                }
            }
        }
        return found;
    }
}
