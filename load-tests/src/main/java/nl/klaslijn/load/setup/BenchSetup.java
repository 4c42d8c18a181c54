package nl.klaslijn.load.setup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import nl.klaslijn.common.auth.SigningKey;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.Role;

/**
 * Creates the data a benchmark needs through the chat server's internal HTTP API (docs/protocol.md
 * section 7) and writes a CSV feeder for the Gatling simulations. Every run uses a fresh school, so runs
 * never see each other's data.
 *
 * <pre>
 * direct --pairs N        2N people in the school directory; feeder: aUser,aToken,bUser,bToken
 *                         (the simulation opens the direct conversation itself with /app/direct)
 * groups --groups G --size S
 *                         G*S people in the directory, G group conversations of S members each (POST);
 *                         feeder: conversationId,userIds,tokens (lists joined with ';');
 *                         with --rows members one row per member instead: conversationId,userId,token,member
 *                         (member = index in the group, 0 = owner; for ReconnectStormSimulation)
 * idle --users N          N tokens only (connecting and subscribing to /user/* needs no stored data);
 *                         feeder: userId,token
 * </pre>
 *
 * Common options: --base-url (the internal API port, http://127.0.0.1:18090; in a cluster any one node: all nodes share
 * Cassandra), --signing-key-file (PEM of the key whose public half the server's klaslijn.chat.token-verification-keys
 * holds; default the dev profile's development key), --out (the CSV file), --token-hours (2, at most the server's
 * klaslijn.chat.token-max-lifetime), --parallel (8 HTTP calls in flight). The tokens are signed as portal-api signs them:
 * chat tokens for the users, an internal-audience SERVICE token for the set-up calls.
 */
public final class BenchSetup {

    /** The dev profile's development signing key (application-dev.yml of both services); refused outside it. */
    public static final String DEVELOPMENT_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXMBclcRuXsVlbWlx
            Xjj6LHs4TOPrciCiG+jhs/mQ8TWhRANCAAR3zeNAvmsdBXt5W6duyLsn3KAcn9Ly
            zoHiK3Y+KJMTJn+QzgRK5zBB2nqXnPEyteDJs7yw90R+VWHHv8zNgBLy
            -----END PRIVATE KEY-----
            """;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final TokenSigner tokens;
    private final Duration tokenLifetime;
    private final String serviceToken;
    private final Semaphore inFlight;
    private final UUID school = UUID.randomUUID();

    public BenchSetup(String baseUrl, String key, Duration tokenLifetime, int parallel) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.tokens = new TokenSigner(SigningKey.parse(key), Clock.systemUTC(), tokenLifetime);
        this.tokenLifetime = tokenLifetime;
        this.serviceToken = tokens.issue(UUID.randomUUID(), school, Set.of(Role.SERVICE), TokenAudience.INTERNAL,
                tokenLifetime);
        this.inFlight = new Semaphore(parallel);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: BenchSetup direct|groups|idle [--pairs N] [--groups G --size S] [--users N]"
                    + " [--base-url URL] [--signing-key-file PEM] [--out FILE] [--token-hours H] [--parallel P]");
            System.exit(2);
        }
        String mode = args[0];
        Map<String, String> opts = options(args);
        String key = opts.containsKey("signing-key-file")
                ? Files.readString(Path.of(opts.get("signing-key-file")), StandardCharsets.US_ASCII) : DEVELOPMENT_KEY;
        BenchSetup setup = new BenchSetup(opts.getOrDefault("base-url", "http://127.0.0.1:18090"), key,
                Duration.ofHours(Long.parseLong(opts.getOrDefault("token-hours", "2"))),
                Integer.parseInt(opts.getOrDefault("parallel", "8")));
        Path out = Path.of(opts.getOrDefault("out", "target/bench-data/" + mode + ".csv")).toAbsolutePath();
        Files.createDirectories(out.getParent());
        long started = System.nanoTime();
        List<String> lines = switch (mode) {
            case "direct" -> setup.direct(Integer.parseInt(opts.getOrDefault("pairs", "50")));
            case "groups" -> setup.groups(Integer.parseInt(opts.getOrDefault("groups", "20")),
                    Integer.parseInt(opts.getOrDefault("size", "30")), "members".equals(opts.get("rows")));
            case "idle" -> setup.idle(Integer.parseInt(opts.getOrDefault("users", "19000")));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.printf("%s: school %s, %d feeder rows written to %s in %d ms%n", mode, setup.school,
                lines.size() - 1, out, (System.nanoTime() - started) / 1_000_000);
    }

    List<String> direct(int pairs) {
        List<String> lines = new ArrayList<>();
        lines.add("aUser,aToken,bUser,bToken");
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            calls.add(putPerson(a, "Ouder A" + i));
            calls.add(putPerson(b, "Ouder B" + i));
            lines.add(a + "," + token(a) + "," + b + "," + token(b));
        }
        join(calls);
        return lines;
    }

    List<String> groups(int groups, int size, boolean rowPerMember) {
        List<String> lines = new ArrayList<>();
        lines.add(rowPerMember ? "conversationId,userId,token,member" : "conversationId,userIds,tokens");
        List<CompletableFuture<?>> people = new ArrayList<>();
        List<List<UUID>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<UUID> users = new ArrayList<>();
            for (int m = 0; m < size; m++) {
                UUID user = UUID.randomUUID();
                users.add(user);
                people.add(putPerson(user, "Ouder " + g + "-" + m));
            }
            members.add(users);
        }
        join(people);
        List<CompletableFuture<?>> conversations = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            UUID conversation = UUID.randomUUID();
            List<UUID> users = members.get(g);
            StringBuilder body = new StringBuilder("{\"conversationId\":\"").append(conversation)
                    .append("\",\"kind\":\"group\",\"title\":\"Benchmark groep ").append(g).append("\",\"members\":[");
            List<String> userIds = new ArrayList<>();
            List<String> userTokens = new ArrayList<>();
            for (int m = 0; m < users.size(); m++) {
                UUID user = users.get(m);
                body.append(m == 0 ? "" : ",").append("{\"userId\":\"").append(user).append("\",\"role\":\"")
                        .append(m == 0 ? "owner" : "member").append("\"}");
                userIds.add(user.toString());
                userTokens.add(token(user));
            }
            body.append("]}");
            conversations.add(call("POST", "/internal/v1/schools/" + school + "/conversations", body.toString(), 201));
            if (rowPerMember) {
                for (int m = 0; m < userIds.size(); m++) {
                    lines.add(conversation + "," + userIds.get(m) + "," + userTokens.get(m) + "," + m);
                }
            } else {
                lines.add(conversation + "," + String.join(";", userIds) + "," + String.join(";", userTokens));
            }
        }
        join(conversations);
        return lines;
    }

    List<String> idle(int users) {
        List<String> lines = new ArrayList<>(users + 1);
        lines.add("userId,token");
        for (int i = 0; i < users; i++) {
            UUID user = UUID.randomUUID();
            lines.add(user + "," + token(user));
        }
        return lines;
    }

    /** {@code count} parents of this setup's school in the chat's directory (so a school-wide audience holds them). */
    public List<UUID> parents(int count) {
        List<UUID> users = new ArrayList<>(count);
        List<CompletableFuture<?>> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            calls.add(putPerson(user, "Ouder " + i));
        }
        join(calls);
        return users;
    }

    public UUID school() {
        return school;
    }

    /** A SERVICE token for the internal API. */
    public String serviceToken() {
        return serviceToken;
    }

    /** A chat token of a parent of this school. */
    public String chatToken(UUID user) {
        return token(user);
    }

    private String token(UUID user) {
        return tokens.issue(user, school, Set.of(Role.PARENT), TokenAudience.CHAT, tokenLifetime);
    }

    private CompletableFuture<?> putPerson(UUID user, String name) {
        return call("PUT", "/internal/v1/schools/" + school + "/directory/" + user,
                "{\"displayName\":\"" + name + "\",\"role\":\"parent\"}", 200);
    }

    private CompletableFuture<?> call(String method, String path, String body, int expected) {
        inFlight.acquireUninterruptibly();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> inFlight.release())
                .thenApply(response -> {
                    if (response.statusCode() != expected) {
                        throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                                + response.body());
                    }
                    return response;
                });
    }

    private static void join(List<CompletableFuture<?>> calls) {
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

}
