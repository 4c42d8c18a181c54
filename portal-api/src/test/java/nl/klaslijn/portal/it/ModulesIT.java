package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.klaslijn.portal.request.Caller;
import nl.klaslijn.portal.modules.ModuleAccess;
import nl.klaslijn.portal.modules.Module;
import nl.klaslijn.portal.modules.ModulesChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Module switches: defaults, changes by administrators, the {@link ModuleAccess} gate as a module endpoint uses it,
 * the {@link ModulesChanged} event and the switches in {@code GET /api/me}. This class runs its own application with
 * a stand-in news endpoint (there are no module endpoints yet) that calls the gate exactly as real ones will, and a
 * listener recording the events.
 */
class ModulesIT extends PortalIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class NewsStandIn {

        @Bean
        NewsEndpoint newsEndpoint(ModuleAccess moduleAccess) {
            return new NewsEndpoint(moduleAccess);
        }

        @Bean
        ChangeRecorder changeRecorder() {
            return new ChangeRecorder();
        }
    }

    @RestController
    static class NewsEndpoint {
        private final ModuleAccess moduleAccess;

        NewsEndpoint(ModuleAccess moduleAccess) {
            this.moduleAccess = moduleAccess;
        }

        @GetMapping("/api/schools/{schoolId}/news")
        List<String> news(Caller caller, @PathVariable UUID schoolId) {
            moduleAccess.require(caller, schoolId, Module.NEWS);
            return List.of("Schoolreisje vrijdag");
        }
    }

    static class ChangeRecorder {
        final List<ModulesChanged> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ModulesChanged event) {
            events.add(event);
        }
    }

    @Autowired
    ChangeRecorder recorder;

    private static final List<String> ALL = List.of("news", "calendar", "bookcase", "albums", "absences", "meetings",
            "forms", "lunch", "tasks", "chat");

    @Test
    void everyModuleIsOnUntilAnAdministratorSwitchesItOff() {
        SchoolFixture school = school("Modules");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("5A"), "Sanne", pupil);

        Api.Response defaults = api.get(school.path("/modules"), parent.accessToken());
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().propertyNames()).containsExactlyElementsOf(ALL);
        assertThat(defaults.body().findValues("news")).allMatch(v -> v.asBoolean());
        assertThat(api.get(school.path("/news"), parent.accessToken()).status()).isEqualTo(200);

        Api.Response off = api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", false, "chat", false));

        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body().path("news").asBoolean()).isFalse();
        assertThat(off.body().path("chat").asBoolean()).isFalse();
        assertThat(off.body().path("calendar").asBoolean()).isTrue();
        for (String token : List.of(parent.accessToken(), school.admin.accessToken())) {
            Api.Response news = api.get(school.path("/news"), token);
            assertThat(news.status()).isEqualTo(404);
            assertThat(news.problem()).isEqualTo("module-off");
        }
        Api.Response me = api.get("/api/me", parent.accessToken());
        assertThat(me.body().path("modules").path(school.schoolId.toString()).path("news").asBoolean()).isFalse();
        assertThat(me.body().path("modules").path(school.schoolId.toString()).path("albums").asBoolean()).isTrue();

        api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", true));
        assertThat(api.get(school.path("/news"), parent.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aChangePublishesTheNewStateOnceAndANoChangeNothing() {
        SchoolFixture school = school("Modules events");

        api.put(school.path("/modules"), school.admin.accessToken(), Map.of("lunch", false));
        api.put(school.path("/modules"), school.admin.accessToken(), Map.of("lunch", false));

        List<ModulesChanged> mine = recorder.events.stream().filter(e -> e.schoolId().equals(school.schoolId)).toList();
        assertThat(mine).singleElement().satisfies(e -> {
            assertThat(e.modules().isOn(Module.LUNCH)).isFalse();
            assertThat(e.modules().isOn(Module.NEWS)).isTrue();
        });
    }

    @Test
    void strangersLearnNothingAndOnlyAdministratorsSwitch() {
        SchoolFixture school = school("Modules gate");
        SchoolFixture other = school("Modules other");
        SchoolFixture.Member teacher = school.teacher(school.group("5A"));
        api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", false));

        Api.Response stranger = api.get(school.path("/news"), other.admin.accessToken());
        Api.Response byTeacher = api.put(school.path("/modules"), teacher.accessToken(), Map.of("news", true));
        Api.Response unknown = api.put(school.path("/modules"), school.admin.accessToken(), Map.of("radio", true));
        Api.Response notABoolean = api.put(school.path("/modules"), school.admin.accessToken(), Map.of("news", "yes"));

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.problem()).isEqualTo("not-found");
        assertThat(byTeacher.status()).isEqualTo(403);
        assertThat(unknown.problem()).isEqualTo("unknown-module");
        assertThat(notABoolean.problem()).isEqualTo("invalid-switch");
        assertThat(api.get(school.path("/modules"), teacher.accessToken()).body().path("news").asBoolean()).isFalse();
    }
}
