package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The authorization matrix: every endpoint that reads or changes a pupil, a group or a school, for every role
 * (parent, class parent, teacher, administrator, anonymous) against a target in every relation to the caller (own
 * child, another child in the same group, a child in another group, a child at another school). Each expectation is
 * the status the policy in the access gates prescribes; the test reports every cell that differs.
 *
 * <p>School 1 has group A (pupils P1, P2) and group B (pupil P3); school 2 has pupil P4. The parent is P1's guardian,
 * the class parent is P2's guardian and class parent of A, the teacher teaches A, the administrator runs school 1.
 * The schools are built once for the class (tests only add guardians, which no other cell depends on).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT extends PortalIT {

    enum Who { PARENT, CLASS_PARENT, TEACHER, ADMINISTRATOR, ANONYMOUS }

    enum Relation { OWN_CHILD, SAME_GROUP, OTHER_GROUP, OTHER_SCHOOL }

    private record Target(UUID schoolId, UUID groupId, UUID pupilId) {}

    private final Map<Who, @Nullable String> tokens = new EnumMap<>(Who.class);
    private final Map<Who, Map<Relation, Target>> targets = new EnumMap<>(Who.class);
    private final Map<UUID, String> administrators = new java.util.HashMap<>();

    @BeforeEach
    void schools() {
        if (tokens.isEmpty()) {
            build();
        }
    }

    private void build() {
        SchoolFixture one = school("Matrix one");
        SchoolFixture two = school("Matrix two");
        UUID groupA = one.group("A");
        UUID groupB = one.group("B");
        UUID groupC = two.group("C");
        UUID[] p1 = new UUID[1];
        UUID[] p2 = new UUID[1];
        UUID[] p3 = new UUID[1];
        UUID[] p4 = new UUID[1];
        SchoolFixture.Member parent = one.parentOfNewPupil(groupA, "P1", p1);
        SchoolFixture.Member classParent = one.parentOfNewPupil(groupA, "P2", p2);
        one.classParent(groupA, classParent);
        one.parentOfNewPupil(groupB, "P3", p3);
        two.parentOfNewPupil(groupC, "P4", p4);
        SchoolFixture.Member teacher = one.teacher(groupA);

        tokens.put(Who.PARENT, parent.accessToken());
        tokens.put(Who.CLASS_PARENT, classParent.accessToken());
        tokens.put(Who.TEACHER, teacher.accessToken());
        tokens.put(Who.ADMINISTRATOR, one.admin.accessToken());
        tokens.put(Who.ANONYMOUS, null);
        administrators.put(one.schoolId, one.admin.accessToken());
        administrators.put(two.schoolId, two.admin.accessToken());

        Target t1 = new Target(one.schoolId, groupA, p1[0]);
        Target t2 = new Target(one.schoolId, groupA, p2[0]);
        Target t3 = new Target(one.schoolId, groupB, p3[0]);
        Target t4 = new Target(two.schoolId, groupC, p4[0]);
        for (Who who : Who.values()) {
            boolean classParentView = who == Who.CLASS_PARENT;
            targets.put(who, Map.of(
                    Relation.OWN_CHILD, classParentView ? t2 : t1,
                    Relation.SAME_GROUP, classParentView ? t1 : t2,
                    Relation.OTHER_GROUP, t3,
                    Relation.OTHER_SCHOOL, t4));
        }
    }

    /** Expected statuses per role, in {@link Relation} order. */
    private static Map<Who, int[]> expect(int[] parent, int[] classParent, int[] teacher, int[] admin) {
        Map<Who, int[]> expected = new EnumMap<>(Who.class);
        expected.put(Who.PARENT, parent);
        expected.put(Who.CLASS_PARENT, classParent);
        expected.put(Who.TEACHER, teacher);
        expected.put(Who.ADMINISTRATOR, admin);
        expected.put(Who.ANONYMOUS, new int[] {401, 401, 401, 401});
        return expected;
    }

    private void check(String endpoint, Map<Who, int[]> expected, BiFunction<@Nullable String, Target, Api.Response> call) {
        List<String> wrong = new ArrayList<>();
        for (Who who : Who.values()) {
            for (Relation relation : Relation.values()) {
                Api.Response response = call.apply(tokens.get(who), targets.get(who).get(relation));
                int want = expected.get(who)[relation.ordinal()];
                if (response.status() != want) {
                    wrong.add(endpoint + " as " + who + " on " + relation + ": expected " + want + ", got "
                            + response.status() + " " + response.body());
                }
                if (response.status() >= 400) {
                    assertThat(response.contentType()).as(endpoint).startsWith("application/problem+json");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String school(Target t) {
        return "/api/schools/" + t.schoolId();
    }

    @Test
    void viewingASchool() {
        check("GET school", expect(
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t), token));
    }

    @Test
    void viewingAPupil() {
        check("GET pupil", expect(
                        new int[] {200, 404, 404, 404},
                        new int[] {200, 404, 404, 404},
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/pupils/" + t.pupilId(), token));
    }

    @Test
    void viewingTheGroupOfAPupil() {
        check("GET group", expect(
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/groups/" + t.groupId(), token));
    }

    @Test
    void viewingTheClassListOfAPupilsGroup() {
        check("GET class list", expect(
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 403, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/groups/" + t.groupId() + "/pupils", token));
    }

    @Test
    void printingRegistrationTokensOfAPupilsGroup() {
        check("POST registration tokens", expect(
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 403, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.post(school(t) + "/groups/" + t.groupId() + "/registration-tokens", token, null));
    }

    @Test
    void addingAGuardianToAPupil() {
        check("POST guardian", expect(
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {201, 201, 201, 404}),
                (token, t) -> api.post(school(t) + "/pupils/" + t.pupilId() + "/guardians", token,
                        Map.of("name", "Extra", "email", SchoolFixture.email())));
    }

    /** Moving each pupil to the group it is already in: the gate is exercised, the structure stays as it is. */
    @Test
    void movingAPupil() {
        check("PUT pupil group", expect(
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.put(school(t) + "/pupils/" + t.pupilId() + "/group", token,
                        Map.of("groupId", t.groupId().toString())));
    }

    /** With a guardian id not linked to the pupil: who passes the gate gets 400 unknown-guardian, nothing changes. */
    @Test
    void unlinkingAGuardianFromAPupil() {
        check("DELETE pupil guardian", expect(
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {400, 400, 400, 404}),
                (token, t) -> api.delete(school(t) + "/pupils/" + t.pupilId() + "/guardians/" + UUID.randomUUID(), token));
    }

    /** With a staff id that does not teach the group (removing is idempotent), so the matrix's teacher stays. */
    @Test
    void removingATeacherFromAPupilsGroup() {
        check("DELETE group teacher", expect(
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 403, 404},
                        new int[] {204, 204, 204, 404}),
                (token, t) -> api.delete(school(t) + "/groups/" + t.groupId() + "/teachers/" + UUID.randomUUID(), token));
    }

    /** With a guardian id that is not a class parent of the group, so the matrix's class parent stays. */
    @Test
    void removingAClassParentFromAPupilsGroup() {
        check("DELETE group class parent", expect(
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 403, 404},
                        new int[] {204, 204, 204, 404}),
                (token, t) -> api.delete(school(t) + "/groups/" + t.groupId() + "/class-parents/" + UUID.randomUUID(),
                        token));
    }

    @Test
    void viewingTheGroupInformationPageOfAPupilsGroup() {
        check("GET group info", expect(
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 403, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/groups/" + t.groupId() + "/info", token));
    }

    @Test
    void viewingTheSchoolInformationPage() {
        check("GET school info", expect(
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/info", token));
    }

    @Test
    void readingMedicalDataOfAPupil() {
        check("GET medical", expect(
                        new int[] {200, 404, 404, 404},
                        new int[] {200, 404, 404, 404},
                        new int[] {200, 200, 404, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/pupils/" + t.pupilId() + "/medical", token));
    }

    @Test
    void writingMedicalDataOfAPupil() {
        check("PUT medical", expect(
                        new int[] {200, 404, 404, 404},
                        new int[] {200, 404, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {403, 403, 403, 404}),
                (token, t) -> api.put(school(t) + "/pupils/" + t.pupilId() + "/medical", token,
                        Map.of("allergies", "matrix")));
    }

    @Test
    void readingTheAuditLogOfAPupilsSchool() {
        check("GET audit log", expect(
                        new int[] {403, 403, 403, 404},
                        new int[] {403, 403, 403, 404},
                        new int[] {403, 403, 403, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/audit-log", token));
    }

    /**
     * Each call deletes a fresh pupil standing in for the target: same group, same guardians (so the relation holds),
     * created by the target school's administrator; the class's own pupils stay for the other tests.
     */
    @Test
    void deletingAPupil() {
        check("DELETE pupil", expect(
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 404, 404, 404},
                        new int[] {403, 403, 404, 404},
                        new int[] {204, 204, 204, 404}),
                (token, t) -> api.delete(school(t) + "/pupils/" + standIn(t), token));
    }

    private UUID standIn(Target t) {
        String admin = administrators.get(t.schoolId());
        Api.Response created = api.post(school(t) + "/pupils", admin,
                Map.of("firstName", "Stand-in", "lastName", "Matrix", "groupId", t.groupId().toString()));
        assertThat(created.status()).isEqualTo(201);
        UUID standIn = UUID.fromString(created.text("pupilId"));
        for (var guardian : api.get(school(t) + "/pupils/" + t.pupilId(), admin).body().path("guardians")) {
            Api.Response linked = api.put(school(t) + "/pupils/" + standIn + "/guardians/"
                    + guardian.path("guardianId").asString(), admin, null);
            assertThat(linked.status()).isEqualTo(204);
        }
        return standIn;
    }

    @Test
    void ownProfilesAndTheExportNeedALoginAndShowOnlyOnesOwn() {
        assertThat(api.get("/api/me/profile", null).status()).isEqualTo(401);
        assertThat(api.put("/api/me/profile/guardian", null, Map.of()).status()).isEqualTo(401);
        assertThat(api.put("/api/me/profile/staff", null, Map.of()).status()).isEqualTo(401);
        assertThat(api.get("/api/me/export", null).status()).isEqualTo(401);

        Map<Relation, Target> seen = targets.get(Who.PARENT);
        Api.Response export = api.get("/api/me/export", tokens.get(Who.PARENT));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body().findValuesAsString("pupilId")).contains(seen.get(Relation.OWN_CHILD).pupilId().toString())
                .doesNotContain(seen.get(Relation.SAME_GROUP).pupilId().toString(),
                        seen.get(Relation.OTHER_GROUP).pupilId().toString(),
                        seen.get(Relation.OTHER_SCHOOL).pupilId().toString());
        assertThat(api.get("/api/me/profile", tokens.get(Who.TEACHER)).body().has("guardian")).isFalse();
        assertThat(api.put("/api/me/profile/guardian", tokens.get(Who.TEACHER), Map.of("sharedWithGroupParents", List.of(),
                "visibleToOtherGuardians", false, "staffContactOnly", false)).status()).isEqualTo(404);
    }

    @Test
    void viewingTheModuleSwitchesOfASchool() {
        check("GET modules", expect(
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404},
                        new int[] {200, 200, 200, 404}),
                (token, t) -> api.get(school(t) + "/modules", token));
    }

    /** Administrator-only actions on the school as a whole: members see the school (403), strangers do not (404). */
    private static Map<Who, int[]> administratorsOnly(int status) {
        return expect(
                new int[] {403, 403, 403, 404},
                new int[] {403, 403, 403, 404},
                new int[] {403, 403, 403, 404},
                new int[] {status, status, status, 404});
    }

    @Test
    void switchingModules() {
        // An empty change: the gate is what is checked here, and no other cell sees a switch move.
        check("PUT modules", administratorsOnly(200),
                (token, t) -> api.put(school(t) + "/modules", token, Map.of()));
    }

    @Test
    void importingACsvFile() {
        // A file with only the header: valid, and it creates nothing other cells could see.
        check("POST imports", administratorsOnly(200),
                (token, t) -> api.postRaw(school(t) + "/imports", token, "text/csv", "group,first_name,last_name\n"));
    }

    @Test
    void movingPupilsAtYearEnd() {
        // Each group onto itself: a valid move that moves nobody (repeats are replays).
        check("POST year-end-move", administratorsOnly(200),
                (token, t) -> api.post(school(t) + "/year-end-move", token, Map.of("moveId", "n-" + t.groupId(),
                        "groups", List.of(Map.of("from", t.groupId().toString(), "to", t.groupId().toString())))));
    }

    @Test
    void settingTheWelcomeText() {
        check("PUT welcome-text", administratorsOnly(204),
                (token, t) -> api.put(school(t) + "/welcome-text", token, Map.of("text", "Welkom!")));
    }

    @Test
    void listingGroupsShowsStaffEveryGroupAndParentsTheirChildrensGroups() {
        Target own = targets.get(Who.PARENT).get(Relation.OWN_CHILD);
        Api.Response asParent = api.get(school(own) + "/groups", tokens.get(Who.PARENT));
        Api.Response asTeacher = api.get(school(own) + "/groups", tokens.get(Who.TEACHER));
        Api.Response foreign = api.get(school(targets.get(Who.PARENT).get(Relation.OTHER_SCHOOL)) + "/groups",
                tokens.get(Who.PARENT));

        assertThat(asParent.body().findValuesAsString("groupId")).containsExactly(own.groupId().toString());
        assertThat(asTeacher.body().size()).isEqualTo(2);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void foreignAndNonExistentIdsGetTheSameAnswer() {
        Target own = targets.get(Who.ADMINISTRATOR).get(Relation.OWN_CHILD);
        Target foreign = targets.get(Who.ADMINISTRATOR).get(Relation.OTHER_SCHOOL);
        String admin = tokens.get(Who.ADMINISTRATOR);

        Api.Response foreignPupil = api.get(school(own) + "/pupils/" + foreign.pupilId(), admin);
        Api.Response missingPupil = api.get(school(own) + "/pupils/" + UUID.randomUUID(), admin);
        Api.Response foreignSchool = api.get(school(foreign) + "/pupils/" + foreign.pupilId(), admin);
        Api.Response missingSchool = api.get("/api/schools/" + UUID.randomUUID() + "/pupils/" + UUID.randomUUID(), admin);

        assertThat(foreignPupil.status()).isEqualTo(404);
        assertThat(essence(foreignPupil)).isEqualTo(essence(missingPupil)).isEqualTo(essence(foreignSchool))
                .isEqualTo(essence(missingSchool));
    }

    /** The problem without {@code instance} (the request path, which naturally differs). */
    private static List<String> essence(Api.Response r) {
        return List.of(String.valueOf(r.status()), r.text("type"), r.text("title"), r.text("detail"));
    }
}
