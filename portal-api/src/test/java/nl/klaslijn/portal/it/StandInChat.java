package nl.klaslijn.portal.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the chat server's internal API (a test double of a remote service, on a real loopback HTTP port,
 * JDK {@code com.sun.net.httpserver}), for portal-api's side of the event road while chat-server's side is built in
 * parallel. It answers as docs/protocol.md section 7 describes: {@code POST .../events} (200 {@code {"accepted":N}};
 * 400 for a batch holding an event whose body has {@code "title":"poison"}, which stands for an event the chat
 * refuses), {@code PUT/DELETE .../pupils/...}, and the chat sync's conversation calls (members kept per conversation,
 * 404 for an unknown one), the erasure ({@code {"done":true}}); everything else is 200 {@code {}}. It can be stopped and started again on the same port (an
 * outage: connections refused). One per test JVM.
 */
final class StandInChat {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PREFIX = "/internal/v1/schools/";
    private static @Nullable StandInChat shared;

    private final int port;
    private @Nullable HttpServer server;
    /** Every event the stand-in accepted, by id, and how often each was posted. */
    final Map<UUID, PortalEvent> accepted = new ConcurrentHashMap<>();
    final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    /** What the chat sync put per pupil (school/pupil → account ids); a deleted pupil is removed and listed below. */
    final Map<String, Set<UUID>> pupilGuardians = new ConcurrentHashMap<>();
    final Set<String> deletedPupils = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> conversations = new ConcurrentHashMap<>();

    private StandInChat(int port) {
        this.port = port;
    }

    static synchronized StandInChat shared() {
        if (shared == null) {
            StandInChat chat = new StandInChat(0);
            chat.start();
            shared = new StandInChat(chat.port());
            chat.stop();
            shared.start();
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    synchronized int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    /** Listens (again) on its port. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            s.createContext("/", this::handle);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes its port: calls are refused until {@link #start()}. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    Optional<Set<UUID>> guardiansOf(UUID school, UUID pupil) {
        return Optional.ofNullable(pupilGuardians.get(school + "/" + pupil));
    }

    boolean pupilDeleted(UUID school, UUID pupil) {
        return deletedPupils.contains(school + "/" + pupil);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                reply(exchange, 401, Map.of());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!path.startsWith(PREFIX)) {
                reply(exchange, 404, Map.of());
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/");
            String method = exchange.getRequestMethod();
            String school = parts[0];
            if (parts.length == 2 && parts[1].equals("events") && method.equals("POST")) {
                events(exchange, body);
            } else if (parts.length == 4 && parts[1].equals("pupils") && parts[3].equals("guardians")) {
                Set<UUID> accounts = new java.util.HashSet<>();
                JSON.readTree(body).path("guardians").forEach(g -> accounts.add(UUID.fromString(g.asString())));
                pupilGuardians.put(school + "/" + parts[2], accounts);
                reply(exchange, 200, Map.of("guardians", accounts.stream().map(UUID::toString).toList()));
            } else if (parts.length == 3 && parts[1].equals("pupils") && method.equals("DELETE")) {
                pupilGuardians.remove(school + "/" + parts[2]);
                deletedPupils.add(school + "/" + parts[2]);
                reply(exchange, 200, Map.of());
            } else if (parts.length == 2 && parts[1].equals("conversations") && method.equals("POST")) {
                JsonNode create = JSON.readTree(body);
                Map<String, String> members = conversations.computeIfAbsent(create.path("conversationId").asString(),
                        id -> new ConcurrentHashMap<>());
                create.path("members").forEach(m -> members.put(m.path("userId").asString(), m.path("role").asString()));
                reply(exchange, 201, Map.of("members", members));
            } else if (parts.length == 5 && parts[1].equals("conversations") && parts[3].equals("members")) {
                Map<String, String> members = conversations.get(parts[2]);
                if (members == null) {
                    reply(exchange, 404, Map.of());
                } else {
                    if (method.equals("PUT")) {
                        members.put(parts[4], JSON.readTree(body).path("role").asString());
                    } else {
                        members.remove(parts[4]);
                    }
                    reply(exchange, 200, Map.of("members", new HashMap<>(members)));
                }
            } else if (parts.length == 4 && parts[3].equals("chat-data") && method.equals("DELETE")) {
                reply(exchange, 200, Map.of("done", true));
            } else {
                reply(exchange, 200, Map.of());
            }
        }
    }

    private void events(HttpExchange exchange, String body) throws IOException {
        List<PortalEvent> batch = new java.util.ArrayList<>();
        for (JsonNode raw : JSON.readTree(body).path("events")) {
            PortalEvent event = PortalEventJson.decode(JSON.writeValueAsString(raw));
            if ("poison".equals(event.body().get("title"))) {
                reply(exchange, 400, Map.of("title", "bad event", "detail", "events[" + batch.size() + "] refused"));
                return;
            }
            batch.add(event);
        }
        for (PortalEvent event : batch) {
            accepted.put(event.eventId(), event);
            deliveries.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
        }
        reply(exchange, 200, new LinkedHashMap<>(Map.of("accepted", batch.size())));
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
