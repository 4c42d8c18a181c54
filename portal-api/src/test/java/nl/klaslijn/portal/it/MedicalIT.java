package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Medical data: who reads and writes it, what lands in Cassandra (sealed values only), what happens to a value moved
 * to another row or field, and the audit log of every read. Group A has Pim (parent Anna) and Cas (parent Carla);
 * one teacher teaches A, another teaches B (and may not read A's pupils' medical data).
 */
class MedicalIT extends PortalIT {

    private static final String ALLERGIES = "Pinda's en penicilline";

    @Autowired
    CqlSession session;

    SchoolFixture school;
    UUID groupA;
    UUID pim;
    UUID cas;
    SchoolFixture.Member anna;
    SchoolFixture.Member carla;
    SchoolFixture.Member teacherA;
    SchoolFixture.Member teacherB;

    @BeforeEach
    void school() {
        school = school("Medical");
        groupA = school.group("A");
        UUID groupB = school.group("B");
        UUID[] pupil = new UUID[1];
        anna = school.parentOfNewPupil(groupA, "Pim", pupil);
        pim = pupil[0];
        carla = school.parentOfNewPupil(groupA, "Cas", pupil);
        cas = pupil[0];
        teacherA = school.teacher(groupA);
        teacherB = school.teacher(groupB);
    }

    private String medical(UUID pupil) {
        return school.path("/pupils/" + pupil + "/medical");
    }

    private static Map<String, Object> record(String allergies) {
        return Map.of("allergies", allergies, "diets", "Vegetarisch", "medication", "Ventolin bij benauwdheid",
                "emergencyContact", Map.of("name", "Oma Jansen", "phone", "+31 20 555 0101"));
    }

    private void write(SchoolFixture.Member guardian, UUID pupil, Map<String, Object> body) {
        Api.Response r = api.put(medical(pupil), guardian.accessToken(), body);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private List<JsonNode> auditEntries(String query) {
        Api.Response r = api.get(school.path("/audit-log" + query), school.admin.accessToken());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        r.body().path("entries").forEach(entries::add);
        return entries;
    }

    @Test
    void theGuardianWritesAndTheGuardianThePupilsTeacherAndTheAdministratorRead() {
        write(anna, pim, record(ALLERGIES));

        for (SchoolFixture.Member reader : List.of(anna, teacherA, school.admin)) {
            Api.Response r = api.get(medical(pim), reader.accessToken());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text("allergies")).isEqualTo(ALLERGIES);
            assertThat(r.body().path("emergencyContact").path("phone").asString()).isEqualTo("+31 20 555 0101");
        }
        assertThat(api.get(medical(pim), carla.accessToken()).status()).isEqualTo(404);
        assertThat(api.put(medical(pim), teacherA.accessToken(), record("x")).status()).isEqualTo(403);
        assertThat(api.put(medical(pim), carla.accessToken(), record("x")).status()).isEqualTo(404);
    }

    @Test
    void aTeacherOfAnotherGroupGetsNotFoundAndThatIsNoRead() {
        write(anna, pim, record(ALLERGIES));
        SchoolFixture.Member secretary = school.staff("Secretary", "TEACHER");
        int readsBefore = auditEntries("?limit=200").size();

        Api.Response otherTeacher = api.get(medical(pim), teacherB.accessToken());
        Api.Response noGroup = api.get(medical(pim), secretary.accessToken());

        for (Api.Response refused : List.of(otherTeacher, noGroup)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.problem()).isEqualTo("not-found");
            assertThat(refused.raw().body()).doesNotContain("Pinda").doesNotContain("Oma");
        }
        assertThat(api.put(medical(pim), teacherB.accessToken(), record("x")).status()).isEqualTo(404);
        assertThat(auditEntries("?limit=200")).as("nothing was handed out, so nothing was read").hasSize(readsBefore);
        assertThat(api.get(medical(pim), anna.accessToken()).text("allergies")).isEqualTo(ALLERGIES);
    }

    @Test
    void aCareCoordinatorReadsEveryPupilAndTheReadIsAuditedInThatCapacity() {
        write(anna, pim, record(ALLERGIES));
        SchoolFixture.Member coordinator = school.staff("Intern begeleider", "CARE_COORDINATOR");

        Api.Response r = api.get(medical(pim), coordinator.accessToken());

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.text("allergies")).isEqualTo(ALLERGIES);
        assertThat(api.put(medical(pim), coordinator.accessToken(), record("x")).status()).isEqualTo(403);
        JsonNode latest = auditEntries("?limit=1").get(0);
        assertThat(latest.path("action").asString()).isEqualTo("MEDICAL_READ");
        assertThat(latest.path("actorAccountId").asString()).isEqualTo(coordinator.accountId().toString());
        assertThat(latest.path("actorRole").asString()).isEqualTo("CARE_COORDINATOR");
    }

    @Test
    void theStoredRowHoldsSealedValuesNotPlaintext() {
        write(anna, pim, record(ALLERGIES));

        Row row = session.execute("SELECT * FROM medical_records WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, pim).one();

        assertThat(row).isNotNull();
        for (String column : List.of("allergies", "diets", "medication", "emergency_contact_name", "emergency_contact_phone")) {
            ByteBuffer value = row.getByteBuffer(column);
            assertThat(value).as(column).isNotNull();
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            String asText = new String(bytes, StandardCharsets.UTF_8) + new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(bytes[0]).as("key id").isEqualTo((byte) 1);
            assertThat(asText).doesNotContain("Pinda").doesNotContain("Vegetarisch").doesNotContain("Ventolin")
                    .doesNotContain("Jansen").doesNotContain("555");
        }
        int plaintextLength = ALLERGIES.getBytes(StandardCharsets.UTF_8).length;
        assertThat(row.getByteBuffer("allergies").remaining()).isEqualTo(1 + 12 + plaintextLength + 16);
        assertThat(row.getFormattedContents()).doesNotContain("Pinda").doesNotContain("Oma");
    }

    @Test
    void aValueCopiedToAnotherPupilsRowDoesNotOpenAndTheApiSaysSo() {
        write(anna, pim, record(ALLERGIES));
        write(carla, cas, record("Geen"));
        ByteBuffer pimsAllergies = session.execute("SELECT allergies FROM medical_records WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, pim).one().getByteBuffer(0);
        session.execute("UPDATE medical_records SET allergies = ? WHERE school_id = ? AND pupil_id = ?",
                pimsAllergies, school.schoolId, cas);
        int readsBefore = auditEntries("?limit=200").size();

        Api.Response r = api.get(medical(cas), school.admin.accessToken());

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problem()).isEqualTo("medical-data-integrity");
        assertThat(r.text("detail")).contains("allergies");
        assertThat(r.raw().body()).doesNotContain("Pinda").doesNotContain("Geen").doesNotContain("Vegetarisch");
        assertThat(auditEntries("?limit=200")).as("a failed read hands out nothing and is not a read").hasSize(readsBefore);
        assertThat(api.get(medical(pim), anna.accessToken()).text("allergies")).isEqualTo(ALLERGIES);
    }

    @Test
    void aValueCopiedToAnotherFieldOfTheSameRowDoesNotOpen() {
        write(anna, pim, record(ALLERGIES));
        ByteBuffer allergies = session.execute("SELECT allergies FROM medical_records WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, pim).one().getByteBuffer(0);
        session.execute("UPDATE medical_records SET diets = ? WHERE school_id = ? AND pupil_id = ?",
                allergies, school.schoolId, pim);

        Api.Response r = api.get(medical(pim), anna.accessToken());

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.problem()).isEqualTo("medical-data-integrity");
        assertThat(r.text("detail")).contains("diets").doesNotContain("allergies");
    }

    @Test
    void everyReadIsAuditedWithoutValuesAndAdministratorsPageThroughTheLog() {
        write(anna, pim, record(ALLERGIES));
        api.get(medical(pim), anna.accessToken());
        api.get(medical(pim), teacherA.accessToken());
        api.get(medical(pim), teacherA.accessToken());
        api.get(medical(pim), school.admin.accessToken());

        Api.Response all = api.get(school.path("/audit-log"), school.admin.accessToken());
        List<JsonNode> reads = new ArrayList<>();
        all.body().path("entries").forEach(e -> {
            if (e.path("action").asString().equals("MEDICAL_READ")) {
                reads.add(e);
            }
        });

        assertThat(reads).hasSize(4);
        assertThat(reads).extracting(e -> e.path("actorAccountId").asString()).containsExactly(
                school.admin.accountId().toString(), teacherA.accountId().toString(),
                teacherA.accountId().toString(), anna.accountId().toString());
        assertThat(reads).extracting(e -> e.path("actorRole").asString())
                .containsExactly("ADMINISTRATOR", "TEACHER", "TEACHER", "GUARDIAN");
        assertThat(reads).allSatisfy(e -> {
            assertThat(e.path("pupilId").asString()).isEqualTo(pim.toString());
            assertThat(e.path("fields").toString()).contains("allergies", "diets", "medication",
                    "emergencyContactName", "emergencyContactPhone");
            assertThat(e.path("at").isMissingNode()).isFalse();
        });
        assertThat(all.body().path("entries").get(4).path("action").asString()).isEqualTo("MEDICAL_UPDATED");
        assertThat(all.raw().body()).doesNotContain("Pinda").doesNotContain("Ventolin").doesNotContain("Oma");

        Api.Response first = api.get(school.path("/audit-log?limit=2"), school.admin.accessToken());
        Api.Response second = api.get(school.path("/audit-log?limit=2&page=" + first.text("next")), school.admin.accessToken());
        Api.Response third = api.get(school.path("/audit-log?limit=2&page=" + second.text("next")), school.admin.accessToken());
        List<String> paged = new ArrayList<>();
        for (Api.Response page : List.of(first, second, third)) {
            page.body().path("entries").forEach(e -> paged.add(e.path("entryId").asString()));
        }
        List<String> unpaged = new ArrayList<>();
        all.body().path("entries").forEach(e -> unpaged.add(e.path("entryId").asString()));
        assertThat(paged).containsExactlyElementsOf(unpaged).hasSize(5);
        assertThat(third.body().has("next")).isFalse();
    }

    @Test
    void theLogContinuesIntoEarlierMonths() {
        write(anna, pim, record(ALLERGIES));
        clock.advance(java.time.Duration.ofDays(40));
        String admin = api.post("/api/auth/login", null,
                Map.of("email", school.admin.email(), "password", SchoolFixture.PASSWORD)).text("accessToken");
        api.get(medical(pim), admin);

        Api.Response first = api.get(school.path("/audit-log?limit=1"), admin);
        Api.Response second = api.get(school.path("/audit-log?limit=1&page=" + first.text("next")), admin);

        assertThat(first.body().path("entries").get(0).path("action").asString()).isEqualTo("MEDICAL_READ");
        assertThat(second.body().path("entries").get(0).path("action").asString()).isEqualTo("MEDICAL_UPDATED");
        assertThat(second.body().has("next")).isFalse();
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        write(anna, pim, record(ALLERGIES));
        Map<String, Object> tooLong = new HashMap<>(record("x".repeat(2001)));
        Map<String, Object> badPhone = new HashMap<>(record(ALLERGIES));
        badPhone.put("emergencyContact", Map.of("name", "Oma", "phone", "bel oma"));

        assertThat(api.put(medical(pim), anna.accessToken(), tooLong).status()).isEqualTo(400);
        assertThat(api.put(medical(pim), anna.accessToken(), badPhone).status()).isEqualTo(400);
        assertThat(api.get(school.path("/audit-log?limit=0"), school.admin.accessToken()).problem()).isEqualTo("invalid-page");
        assertThat(api.get(school.path("/audit-log?page=garbage"), school.admin.accessToken()).problem())
                .isEqualTo("invalid-page");

        Api.Response r = api.get(medical(pim), anna.accessToken());
        assertThat(r.text("allergies")).isEqualTo(ALLERGIES);
        assertThat(r.body().path("emergencyContact").path("name").asString()).isEqualTo("Oma Jansen");
    }

    @Test
    void aFieldLeftOutIsRemoved() {
        write(anna, pim, record(ALLERGIES));
        write(anna, pim, Map.of("allergies", ALLERGIES));

        Api.Response r = api.get(medical(pim), anna.accessToken());
        Row row = session.execute("SELECT diets, emergency_contact_name FROM medical_records WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, pim).one();

        assertThat(r.body().has("diets")).isFalse();
        assertThat(r.body().has("emergencyContact")).isFalse();
        assertThat(row.isNull("diets")).isTrue();
        assertThat(row.isNull("emergency_contact_name")).isTrue();
    }
}
