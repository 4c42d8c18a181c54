package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The year-end move: group 3 goes to 4 and 4 to 5 in the same move (nobody skips a year), group 8 leaves, one
 * pupil repeats year 3; validation is all or nothing; the same move again changes nothing.
 */
class YearEndMoveIT extends PortalIT {

    @Autowired
    CqlSession session;

    private SchoolFixture school;
    private UUID g3;
    private UUID g4;
    private UUID g5;
    private UUID g8;
    private UUID anna;
    private UUID bram;
    private UUID cas;
    private UUID dirk;
    private UUID eva;
    private SchoolFixture.Member annasParent;
    private SchoolFixture.Member teacherOf4;

    @BeforeEach
    void school() {
        school = school("Year end");
        g3 = school.group("3");
        g4 = school.group("4");
        g5 = school.group("5");
        g8 = school.group("8");
        UUID[] pupil = new UUID[1];
        annasParent = school.parentOfNewPupil(g3, "Anna", pupil);
        anna = pupil[0];
        bram = school.pupil(g3, "Bram");
        cas = school.pupil(g4, "Cas");
        dirk = school.pupil(g8, "Dirk");
        school.guardian(dirk, "Parent of Dirk");
        eva = school.pupil(g5, "Eva");
        teacherOf4 = school.teacher(g4);
    }

    private Map<String, Object> move(String moveId, UUID repeater) {
        return Map.of("moveId", moveId,
                "groups", List.of(Map.of("from", g3.toString(), "to", g4.toString()),
                        Map.of("from", g4.toString(), "to", g5.toString()),
                        Map.of("from", g8.toString(), "leave", true)),
                "pupils", List.of(Map.of("pupilId", repeater.toString(), "to", g3.toString())));
    }

    private Api.Response post(Object body) {
        return api.post(school.path("/year-end-move"), school.admin.accessToken(), body);
    }

    private List<String> classList(UUID group) {
        List<String> names = new ArrayList<>();
        api.get(school.path("/groups/" + group + "/pupils"), school.admin.accessToken()).body()
                .forEach(p -> names.add(p.path("firstName").asString()));
        return names;
    }

    @Test
    void pupilsMoveOnOneGroupAndLeaversLeave() {
        Api.Response r = post(move("2026-2027", bram));

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("moved").size()).isEqualTo(2);
        assertThat(r.body().path("left").size()).isEqualTo(1);
        assertThat(r.body().path("unchanged").asInt()).isEqualTo(2); // Bram repeats, Eva's group was not named
        assertThat(classList(g3)).containsExactly("Bram");
        assertThat(classList(g4)).containsExactly("Anna");
        assertThat(classList(g5)).containsExactlyInAnyOrder("Cas", "Eva");
        assertThat(classList(g8)).isEmpty();
        assertThat(api.get(school.path("/pupils/" + dirk), school.admin.accessToken()).status()).isEqualTo(404);

        // Anna's parent now sees group 4 (the guardian's copy of the group moved with her), and Anna's new teacher
        // sees her; groups kept their teachers.
        Api.Response parentsGroups = api.get(school.path("/groups"), annasParent.accessToken());
        assertThat(parentsGroups.body().findValuesAsString("groupId")).containsExactly(g4.toString());
        assertThat(api.get(school.path("/pupils/" + anna), teacherOf4.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(school.path("/pupils/" + anna), annasParent.accessToken()).body().path("groupId").asString())
                .isEqualTo(g4.toString());
        JsonNode group4 = api.get(school.path("/groups/" + g4), school.admin.accessToken()).body();
        assertThat(group4.path("teachers").size()).isEqualTo(1);
    }

    @Test
    void aMovedPupilIsOnTheNewGroupsInformationPageAndALeaversDataIsDeletedAsByDeletion() {
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member fennasParent = school.parentOfNewPupil(g4, "Fenna", pupil);
        SchoolFixture.Member daansParent = school.parentOfNewPupil(g8, "Daan", pupil);
        UUID daan = pupil[0];
        UUID annasGuardian = school.guardianIdOf(annasParent);
        school.classParent(g3, annasParent);
        assertThat(api.put("/api/me/profile/guardian", annasParent.accessToken(), Map.of("phone", "+31 6 5555 0303",
                "sharedWithGroupParents", List.of("PHONE"), "visibleToOtherGuardians", false, "staffContactOnly", false))
                .status()).isEqualTo(200);
        assertThat(api.put(school.path("/pupils/" + daan + "/medical"), daansParent.accessToken(),
                Map.of("allergies", "Pinda", "emergencyContact", Map.of("name", "Oma", "phone", "+31 20 555 0101")))
                .status()).isEqualTo(200);
        Api.Response numbered = api.postRaw(school.path("/imports"), school.admin.accessToken(), "text/csv",
                "group,pupil_number,first_name,last_name\n8,8001,Daan,Jansen\n");
        assertThat(numbered.body().path("pupilNumbersAssigned").asInt()).as(numbered.body().toString()).isEqualTo(1);

        Api.Response r = post(Map.of("moveId", "2026-2027", "groups", List.of(Map.of("from", g3.toString(), "to",
                g4.toString()), Map.of("from", g8.toString(), "leave", true))));

        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        // Group 4's page, seen by a parent already in group 4: Anna is a classmate now, with her guardian and the
        // phone shared with the group's parents; and Anna's parent now sees group 4's page.
        Api.Response page = api.get(school.path("/groups/" + g4 + "/info"), fennasParent.accessToken());
        assertThat(page.status()).isEqualTo(200);
        JsonNode annaEntry = null;
        for (JsonNode classmate : page.body().path("classmates")) {
            if (classmate.path("pupilId").asString().equals(anna.toString())) {
                annaEntry = classmate;
            }
        }
        assertThat(annaEntry).as(page.body().toString()).isNotNull();
        JsonNode guardian = annaEntry.path("guardians").get(0);
        assertThat(guardian.path("guardianId").asString()).isEqualTo(annasGuardian.toString());
        assertThat(guardian.path("contact").path("phone").asString()).isEqualTo("+31 6 5555 0303");
        assertThat(guardian.path("classParent").asBoolean()).isFalse();
        Api.Response seenByAnnasParent = api.get(school.path("/groups/" + g4 + "/info"), annasParent.accessToken());
        assertThat(seenByAnnasParent.status()).isEqualTo(200);
        assertThat(seenByAnnasParent.body().path("classmates").findValuesAsString("firstName")).contains("Fenna", "Anna");
        assertThat(api.get(school.path("/groups/" + g3 + "/info"), annasParent.accessToken()).status()).isEqualTo(404);
        // Anna left group 3, so her parent is no longer its class parent.
        assertThat(api.get(school.path("/groups/" + g3), school.admin.accessToken()).body().path("classParents").size())
                .isZero();

        // Daan left: deleted as DELETE /pupils/{id} deletes, his only-child parent's membership with him.
        assertThat(session.execute("SELECT * FROM medical_records WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, daan).one()).isNull();
        assertThat(session.execute("SELECT * FROM pupil_audit_log WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, daan).one()).isNull();
        assertThat(session.execute("SELECT * FROM pupil_registration_tokens WHERE school_id = ? AND pupil_id = ?",
                school.schoolId, daan).one()).isNull();
        assertThat(session.execute("SELECT * FROM pupil_numbers WHERE school_id = ?", school.schoolId).all()).isEmpty();
        assertThat(api.get(school.path("/pupils/" + daan), school.admin.accessToken()).status()).isEqualTo(404);
        assertThat(api.get(school.path(""), daansParent.accessToken()).status()).as("no longer a member").isEqualTo(404);
        Api.Response log = api.get(school.path("/audit-log"), school.admin.accessToken());
        List<String> deletions = new ArrayList<>();
        log.body().path("entries").forEach(e -> {
            if (e.path("action").asString().equals("PUPIL_DELETED")) {
                deletions.add(e.path("pupilId").asString() + " by " + e.path("actorAccountId").asString());
            }
        });
        assertThat(deletions).containsExactlyInAnyOrder(daan + " by " + school.admin.accountId(),
                dirk + " by " + school.admin.accountId());
    }

    @Test
    void theSameMoveAgainMovesNobodyTwice() {
        Api.Response first = post(move("2026-2027", bram));

        Api.Response again = post(move("2026-2027", bram));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("replayed").asBoolean()).isTrue();
        assertThat(again.body().path("moved")).isEqualTo(first.body().path("moved"));
        assertThat(classList(g4)).containsExactly("Anna");
        assertThat(classList(g5)).containsExactlyInAnyOrder("Cas", "Eva");
    }

    @Test
    void aMoveThatStoppedHalfwayIsFinishedByTheRetry() {
        post(move("2026-2027", bram));
        // As if the first attempt died after storing its plan and moving Cas, before moving Anna and Dirk's
        // leaving: put Anna and Dirk back as they were and clear the completion.
        session.execute("UPDATE year_end_moves SET completed_at = null WHERE school_id = ? AND move_id = '2026-2027'",
                school.schoolId);
        session.execute("UPDATE pupils SET group_id = ? WHERE school_id = ? AND pupil_id = ?", g3, school.schoolId, anna);
        session.execute("DELETE FROM group_pupils WHERE school_id = ? AND group_id = ? AND pupil_id = ?", school.schoolId, g4, anna);
        session.execute("INSERT INTO group_pupils (school_id, group_id, pupil_id, first_name, last_name) VALUES (?, ?, ?, 'Anna', 'Jansen')",
                school.schoolId, g3, anna);
        session.execute("INSERT INTO pupils (school_id, pupil_id, group_id, first_name, last_name) VALUES (?, ?, ?, 'Dirk', 'Jansen')",
                school.schoolId, dirk, g8);
        session.execute("INSERT INTO group_pupils (school_id, group_id, pupil_id, first_name, last_name) VALUES (?, ?, ?, 'Dirk', 'Jansen')",
                school.schoolId, g8, dirk);
        assertThat(classList(g3)).containsExactlyInAnyOrder("Anna", "Bram");

        Api.Response retry = post(move("2026-2027", bram));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("replayed").asBoolean()).isTrue();
        assertThat(classList(g3)).containsExactly("Bram");
        assertThat(classList(g4)).containsExactly("Anna");
        assertThat(classList(g5)).containsExactlyInAnyOrder("Cas", "Eva");
        assertThat(classList(g8)).isEmpty();
        assertThat(session.execute("SELECT completed_at FROM year_end_moves WHERE school_id = ? AND move_id = '2026-2027'",
                school.schoolId).one().getInstant(0)).isNotNull();
    }

    @Test
    void aDifferentMoveUnderAUsedIdIsRefused() {
        post(move("2026-2027", bram));

        Api.Response other = post(move("2026-2027", anna));

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problem()).isEqualTo("move-id-used");
        assertThat(classList(g4)).containsExactly("Anna");
    }

    @Test
    void anInvalidMoveListsEveryProblemAndMovesNobody() {
        UUID foreignGroup = school("Other").group("4");
        Map<String, Object> body = Map.of("moveId", "2026-2027",
                "groups", List.of(Map.of("from", g3.toString(), "to", foreignGroup.toString()),
                        Map.of("from", g4.toString(), "to", g5.toString(), "leave", true)),
                "pupils", List.of(Map.of("pupilId", UUID.randomUUID().toString(), "to", g3.toString())));

        Api.Response r = post(body);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("move-invalid");
        List<String> columns = new ArrayList<>();
        r.body().path("errors").forEach(e -> columns.add(e.path("column").asString()));
        assertThat(columns).containsExactly("groups[0].to", "groups[1]", "pupils[0].pupilId");
        assertThat(classList(g3)).containsExactlyInAnyOrder("Anna", "Bram");
        assertThat(classList(g4)).containsExactly("Cas");
        // The id was not used up by the refused request.
        assertThat(post(move("2026-2027", bram)).status()).isEqualTo(200);
    }
}
