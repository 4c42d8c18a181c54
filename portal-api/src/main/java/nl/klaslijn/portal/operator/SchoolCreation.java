package nl.klaslijn.portal.operator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/schools} on the running portal-api with a fresh SERVICE token (audience {@code portal}, subject
 * {@link #OPERATOR}): a school and its first administrator, answered with the administrator's one-time registration
 * token.
 */
final class SchoolCreation {

    /** The subject of operator tokens (a fixed id: the operator is not an account). */
    static final UUID OPERATOR = UUID.nameUUIDFromBytes("klaslijn:operator".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The portal's answer. */
    record Created(UUID schoolId, String name, UUID administratorStaffId, String administratorRegistrationToken,
            String json) {}

    private final OperatorSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SchoolCreation(OperatorSettings settings) {
        this.settings = settings;
    }

    /** @throws IllegalStateException with the portal's problem detail, or why it could not be reached */
    Created create(String name, String adminName, String adminEmail) {
        String token = settings.signer().issue(OPERATOR, new UUID(0, 0), EnumSet.of(Role.SERVICE),
                TokenAudience.PORTAL, OperatorSettings.TOKEN_LIFETIME);
        String body = JSON.writeValueAsString(Map.of("name", name,
                "administrator", Map.of("name", adminName, "email", adminEmail)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.portalUrl() + "/api/schools"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("portal-api does not answer at " + settings.portalUrl()
                    + " (is it running? ./klaslijn start, or --portal-url)");
        } catch (IOException e) {
            throw new IllegalStateException("calling portal-api at " + settings.portalUrl() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("portal-api refused (" + response.statusCode() + "): " + response.body());
        }
        JsonNode created = JSON.readTree(response.body());
        return new Created(UUID.fromString(created.path("schoolId").asString()), created.path("name").asString(),
                UUID.fromString(created.path("administratorStaffId").asString()),
                created.path("administratorRegistrationToken").asString(), response.body());
    }
}
