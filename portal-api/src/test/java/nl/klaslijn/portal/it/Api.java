package nl.klaslijn.portal.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client (the JDK's) against the running portal-api, speaking JSON. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final @Nullable String forwardedFor;

    Api(int port) {
        this(port, null);
    }

    /**
     * A client that says it comes from {@code forwardedFor} ({@code X-Forwarded-For}; the application under test
     * believes it only with {@code server.forward-headers-strategy=native}, from a loopback peer).
     */
    Api(int port, @Nullable String forwardedFor) {
        this.base = "http://127.0.0.1:" + port;
        this.forwardedFor = forwardedFor;
    }

    /** A response: status, content type and the body as JSON (a missing node when there is no body). */
    record Response(int status, String contentType, JsonNode body, HttpResponse<String> raw) {

        String text(String field) {
            return body.path(field).asString();
        }

        /** The problem code: the last segment of the problem {@code type}. */
        String problem() {
            String type = body.path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }

    Response get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, @Nullable String token, @Nullable Object body) {
        return send(request(path, token).POST(publisher(body)));
    }

    Response put(String path, @Nullable String token, @Nullable Object body) {
        return send(request(path, token).PUT(publisher(body)));
    }

    Response delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE());
    }

    Response postRaw(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST with a body of any content type (e.g. a CSV file), with or without an access token. */
    Response postRaw(String path, @Nullable String token, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_8));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, application/problem+json");
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher publisher(@Nullable Object body) {
        return body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                    response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
