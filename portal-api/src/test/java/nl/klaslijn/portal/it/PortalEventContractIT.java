package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.PortalEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The portal's own producers under the {@link EventContract} harness, as an administrator's client sees the school. */
class PortalEventContractIT extends PortalIT {

    @Autowired
    CqlSession session;

    SchoolFixture school;
    UUID group;
    UUID otherGroup;
    EventContract contract;
    List<EventContract.Key> state;

    @BeforeEach
    void school() {
        school = school("Event contract");
        group = school.group("5A");
        otherGroup = school.group("6B");
        String token = school.admin.accessToken();
        contract = new EventContract(session, school.schoolId, Map.of(
                "modules", id -> api.get("/api/schools/" + id + "/modules", token).body(),
                "group", id -> api.get(school.path("/groups/" + id), token).body(),
                "welcome", id -> api.get("/api/me/welcome", token).body()));
        state = List.of(new EventContract.Key("modules", school.schoolId.toString()),
                new EventContract.Key("group", group.toString()), new EventContract.Key("group", otherGroup.toString()),
                new EventContract.Key("welcome", school.schoolId.toString()));
    }

    @Test
    void switchingAModuleOffIsOneSchoolWideModulesEvent() {
        List<PortalEvent> events = contract.verify(state, () -> assertThat(api.put(school.path("/modules"),
                school.admin.accessToken(), Map.of("news", false)).status()).isEqualTo(200));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("school.modules_changed");
            assertThat(e.audience()).isEqualTo(Audience.school());
        });
    }

    @Test
    void aTeacherJoiningAGroupIsOneEventForThatGroupOnly() {
        List<PortalEvent> events = contract.verify(state, () -> school.teacher(group));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("group.changed");
            assertThat(e.audience()).isEqualTo(Audience.groups(List.of(group)));
            assertThat(e.body()).containsEntry("title", "5A");
        });
    }

    @Test
    void settingTheWelcomeTextIsOneSchoolWideWelcomeEvent() {
        List<PortalEvent> events = contract.verify(state, () -> assertThat(api.put(school.path("/welcome-text"),
                school.admin.accessToken(), Map.of("text", "Welkom!")).status()).isEqualTo(204));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("school.welcome_changed");
            assertThat(e.module()).isEqualTo("welcome");
        });
    }
}
