package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API as a whole: its OpenAPI description, body limits and malformed input. */
class ApiSurfaceIT extends PortalIT {

    @Test
    void openApiDescriptionListsEveryEndpoint() {
        Api.Response r = api.get("/api/openapi", null);

        assertThat(r.status()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        r.body().path("paths").propertyNames().forEach(paths::add);
        assertThat(paths).containsExactlyInAnyOrder(
                "/api/schools",
                "/api/schools/{schoolId}",
                "/api/schools/{schoolId}/groups",
                "/api/schools/{schoolId}/groups/{groupId}",
                "/api/schools/{schoolId}/groups/{groupId}/pupils",
                "/api/schools/{schoolId}/groups/{groupId}/teachers/{staffId}",
                "/api/schools/{schoolId}/groups/{groupId}/class-parents/{guardianId}",
                "/api/schools/{schoolId}/groups/{groupId}/registration-tokens",
                "/api/schools/{schoolId}/staff",
                "/api/schools/{schoolId}/staff/{staffId}",
                "/api/schools/{schoolId}/staff/{staffId}/roles",
                "/api/schools/{schoolId}/pupils",
                "/api/schools/{schoolId}/pupils/{pupilId}",
                "/api/schools/{schoolId}/pupils/{pupilId}/guardians",
                "/api/schools/{schoolId}/pupils/{pupilId}/guardians/{guardianId}",
                "/api/schools/{schoolId}/pupils/{pupilId}/group",
                "/api/schools/{schoolId}/imports",
                "/api/schools/{schoolId}/year-end-move",
                "/api/schools/{schoolId}/modules",
                "/api/schools/{schoolId}/welcome-text",
                "/api/registrations",
                "/api/me",
                "/api/me/children",
                "/api/me/logout-everywhere",
                "/api/me/password",
                "/api/me/welcome",
                "/api/me/welcome/acknowledge",
                "/api/auth/login",
                "/api/auth/refresh",
                "/api/auth/logout",
                "/api/schools/{schoolId}/info",
                "/api/schools/{schoolId}/groups/{groupId}/info",
                "/api/schools/{schoolId}/pupils/{pupilId}/medical",
                "/api/schools/{schoolId}/audit-log",
                "/api/me/profile",
                "/api/me/profile/guardian",
                "/api/me/profile/staff",
                "/api/me/export",
                "/api/auth/password-reset",
                "/api/auth/password-reset/complete");
    }

    @Test
    void oversizedBodyIsRejectedBeforeItIsRead() {
        String big = "{\"token\":\"" + "A".repeat(20_000) + "\"}";

        Api.Response r = api.postRaw("/api/registrations", "application/json", big);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.problem()).isEqualTo("body-too-large");
    }

    @Test
    void malformedJsonGetsAProblem() {
        Api.Response r = api.postRaw("/api/auth/login", "application/json", "{\"email\": ");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problem()).isEqualTo("malformed-request");
    }

    @Test
    void malformedIdInThePathGetsAProblem() {
        Api.Response r = api.get("/api/schools/not-a-uuid", operatorToken());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyTheOperatorCreatesSchools() {
        SchoolFixture school = school("Operator");

        Api.Response r = api.post("/api/schools", school.admin.accessToken(),
                java.util.Map.of("name", "Mine", "administrator", java.util.Map.of("name", "X", "email", "x@example.org")));

        assertThat(r.status()).isEqualTo(403);
    }
}
