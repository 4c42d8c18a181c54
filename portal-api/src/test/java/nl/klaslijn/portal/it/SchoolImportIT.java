package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The CSV import of a school: everything or nothing, line-by-line problems, and re-runs without duplicates. */
class SchoolImportIT extends PortalIT {

    @Autowired
    CqlSession session;

    private SchoolFixture school;
    private String joost;
    private String petra;

    @BeforeEach
    void school() {
        school = school("Import");
        joost = SchoolFixture.email();
        petra = SchoolFixture.email();
    }

    private String file() {
        return """
                group,pupil_number,first_name,last_name,guardian1_name,guardian1_email,guardian2_name,guardian2_email
                5A,1001,Sanne,Jansen,Joost Jansen,%s,Marieke Jansen,marieke-%s
                5A,1002,Daan,de Vries,Petra de Vries,%s,,
                6B,,Lotte,Jansen,Joost Jansen,%s,,
                """.formatted(joost, joost, petra, joost);
    }

    private Api.Response importCsv(String csv) {
        return api.postRaw(school.path("/imports"), school.admin.accessToken(), "text/csv", csv);
    }

    private long rows(String table) {
        return session.execute("SELECT count(*) FROM " + table + " WHERE school_id = ?", school.schoolId).one().getLong(0);
    }

    private List<String> names(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.path(field).asString()));
        return out;
    }

    @Test
    void importsGroupsPupilsAndGuardiansAndListsWhatItCreated() {
        Api.Response r = importCsv(file());

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(names(r.body().path("createdGroups"), "name")).containsExactlyInAnyOrder("5A", "6B");
        assertThat(names(r.body().path("createdPupils"), "firstName")).containsExactly("Sanne", "Daan", "Lotte");
        assertThat(names(r.body().path("createdGuardians"), "name"))
                .containsExactlyInAnyOrder("Joost Jansen", "Marieke Jansen", "Petra de Vries");
        assertThat(r.body().path("guardianLinks").asInt()).isEqualTo(4);

        UUID sanne = UUID.fromString(r.body().path("createdPupils").get(0).path("pupilId").asString());
        Api.Response pupil = api.get(school.path("/pupils/" + sanne), school.admin.accessToken());
        assertThat(names(pupil.body().path("guardians"), "name")).containsExactlyInAnyOrder("Joost Jansen", "Marieke Jansen");
        UUID group6b = UUID.fromString(r.body().path("createdPupils").get(2).path("groupId").asString());
        Api.Response classList = api.get(school.path("/groups/" + group6b + "/pupils"), school.admin.accessToken());
        assertThat(names(classList.body(), "firstName")).containsExactly("Lotte");
        // Joost is one guardian of two children (siblings), and can register with the printed tokens.
        Api.Response tokens = api.post(school.path("/groups/" + group6b + "/registration-tokens"), school.admin.accessToken(), null);
        assertThat(names(tokens.body(), "guardianName")).containsExactly("Joost Jansen");
        assertThat(rows("guardians")).isEqualTo(3);
    }

    @Test
    void badRowsAreReportedLineByLineAndNothingIsImported() {
        String csv = """
                group,pupil_number,first_name,last_name,guardian1_name,guardian1_email
                5A,2001,Sanne,Jansen,Joost,%s
                5A,2002,,Vries,Petra,not-an-address
                ,2003,Lotte,Bakker,,
                5A,2001,Daan,Dekker,,
                """.formatted(joost);
        long groupsBefore = rows("groups");

        Api.Response r = importCsv(csv);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problem()).isEqualTo("import-invalid");
        List<String> errors = new ArrayList<>();
        r.body().path("errors").forEach(e -> errors.add(e.path("line").asInt() + ":" + e.path("column").asString()));
        assertThat(errors).containsExactly("3:first_name", "3:guardian1_email", "4:group", "5:pupil_number");
        assertThat(r.body().toString()).doesNotContain("not-an-address").doesNotContain(joost);
        assertThat(rows("groups")).isEqualTo(groupsBefore);
        assertThat(rows("pupils")).isZero();
        assertThat(rows("guardians")).isZero();
    }

    @Test
    void importingTheSameFileAgainCreatesNothing() {
        assertThat(importCsv(file()).status()).isEqualTo(200);

        Api.Response again = importCsv(file());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("createdGroups").size()).isZero();
        assertThat(again.body().path("createdPupils").size()).isZero();
        assertThat(again.body().path("createdGuardians").size()).isZero();
        assertThat(again.body().path("guardianLinks").asInt()).isZero();
        assertThat(again.body().path("existingPupils").asInt()).isEqualTo(3);
        assertThat(again.body().path("existingGuardians").asInt()).isEqualTo(3);
        assertThat(rows("pupils")).isEqualTo(3);
        assertThat(rows("guardians")).isEqualTo(3);
        assertThat(rows("groups")).isEqualTo(2);
    }

    @Test
    void anImportThatStoppedHalfwayIsCompletedBySendingTheFileAgain() {
        // As if the first attempt died after writing its first two pupils: they exist, the rest does not.
        String[] lines = file().split("\n");
        assertThat(importCsv(lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n").status()).isEqualTo(200);

        Api.Response completed = importCsv(file());

        assertThat(completed.status()).isEqualTo(200);
        assertThat(names(completed.body().path("createdPupils"), "firstName")).containsExactly("Lotte");
        assertThat(names(completed.body().path("createdGroups"), "name")).containsExactly("6B");
        assertThat(completed.body().path("createdGuardians").size()).isZero();
        assertThat(rows("pupils")).isEqualTo(3);
        assertThat(rows("guardians")).isEqualTo(3);
    }

    @Test
    void twoImportsOfTheSameFileAtOnceCreateEverythingOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> importCsv(file()));
            var second = pool.submit(() -> importCsv(file()));
            assertThat(first.get().status()).isEqualTo(200);
            assertThat(second.get().status()).isEqualTo(200);
        } finally {
            pool.shutdown();
        }

        assertThat(rows("groups")).isEqualTo(2);
        assertThat(rows("pupils")).isEqualTo(3);
        assertThat(rows("guardians")).isEqualTo(3);
        assertThat(rows("pupil_numbers")).isEqualTo(2);
    }

    @Test
    void existingGroupsAndPupilsAreMatchedByNameAndGuardiansByEmail() {
        UUID group = school.group("5a");
        UUID sanne = school.pupil(group, "Sanne"); // last name Jansen, no number yet

        Api.Response r = importCsv(file());

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(names(r.body().path("createdGroups"), "name")).containsExactly("6B");
        assertThat(names(r.body().path("createdPupils"), "firstName")).containsExactly("Daan", "Lotte");
        assertThat(r.body().path("pupilNumbersAssigned").asInt()).isEqualTo(1);
        assertThat(session.execute("SELECT pupil_id FROM pupil_numbers WHERE school_id = ? AND external_number = '1001'",
                school.schoolId).one().getUuid(0)).isEqualTo(sanne);
    }

    @Test
    void aPupilInAnotherGroupThanTheFileSaysIsAProblemNotAMove() {
        assertThat(importCsv(file()).status()).isEqualTo(200);

        Api.Response r = importCsv(file().replace("5A,1002", "6B,1002"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(r.body().path("errors").get(0).path("column").asString()).isEqualTo("group");
    }

    @Test
    void theImportTakesOnlyCsvUpToItsOwnLimit() {
        Api.Response json = api.post(school.path("/imports"), school.admin.accessToken(), java.util.Map.of("a", "b"));
        StringBuilder big = new StringBuilder("group,first_name,last_name\n");
        while (big.length() < 2 * 1024 * 1024 + 10) {
            big.append("5A,Sanne,Jansen-").append(big.length()).append('\n');
        }
        StringBuilder fine = new StringBuilder("group,first_name,last_name\n");
        for (int i = 0; i < 1000; i++) {
            fine.append("5A,Pupil,Number-").append(i).append('\n');
        }

        assertThat(json.status()).isEqualTo(415);
        assertThat(importCsv(big.toString()).status()).isEqualTo(413);
        assertThat(fine.length()).as("over the general body limit").isGreaterThan(16_384);
        Api.Response larger = importCsv(fine.toString());
        assertThat(larger.status()).as(larger.body().toString()).isEqualTo(200);
        assertThat(larger.body().path("createdPupils").size()).isEqualTo(1000);
    }
}
