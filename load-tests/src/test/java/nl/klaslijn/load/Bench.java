package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the simulations share: parameters (system properties {@code bench.*}, passed as {@code -Dbench.x=y} on
 * the mvn command line), the HTTP/WebSocket protocol, the STOMP connect-and-subscribe chain, and the result file.
 */
final class Bench {

    static final String HTTP_URL = System.getProperty("bench.httpUrl", "http://127.0.0.1:18080");
    static final String WS_URL = System.getProperty("bench.wsUrl", HTTP_URL.replaceFirst("^http", "ws"));
    /**
     * The nodes' WebSocket base URLs (bench.wsUrls, comma-separated, e.g. {@code ws://127.0.0.1:18080,ws://127.0.0.1:18081});
     * default: the single bench.wsUrl. Simulations spread connections over them (see each simulation).
     */
    static final List<String> WS_URLS = List.copyOf(Arrays.stream(System.getProperty("bench.wsUrls", WS_URL).split(","))
            .map(String::trim).filter(u -> !u.isEmpty()).toList());
    /** Server processes whose CPU is added up (bench.serverPid: one pid, or several comma-separated: the cluster's nodes). */
    static final long[] SERVER_PIDS = pids(System.getProperty("bench.serverPid", "0"));
    static final long SERVER_PID = SERVER_PIDS[0];
    static final long CASSANDRA_PID = Long.getLong("bench.cassandraPid", 0);
    /** The redis-server process (bench.redisPid), reported separately; 0 = none. */
    static final long REDIS_PID = Long.getLong("bench.redisPid", 0);
    /** 127.0.0.1 port of that Redis (bench.redisPort) for INFO commandstats (publish calls); 0 = not read. */
    static final int REDIS_PORT = Integer.getInteger("bench.redisPort", 0);
    static final Duration AWAIT = Duration.ofSeconds(Long.getLong("bench.awaitSeconds", 10));
    /** Distinguishes clientMessageIds of runs against the same feeder (a repeated id would be a duplicate). */
    static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);

    private Bench() {}

    private static long[] pids(String list) {
        long[] pids = Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty()).mapToLong(Long::parseLong).toArray();
        return pids.length == 0 ? new long[] {0} : pids;
    }

    /** The WebSocket URL of node {@code i} (modulo the number of nodes) with the STOMP path. */
    static String stompUrl(int node) {
        return WS_URLS.get(Math.floorMod(node, WS_URLS.size())) + "/stomp";
    }

    /** Which node (index into {@link #WS_URLS}) a URL of {@link #stompUrl} belongs to. */
    static int nodeOf(String stompUrl) {
        for (int i = 0; i < WS_URLS.size(); i++) {
            if (stompUrl.equals(stompUrl(i))) {
                return i;
            }
        }
        return -1;
    }

    static int intProp(String name, int def) {
        return Integer.getInteger("bench." + name, def);
    }

    static double doubleProp(String name, double def) {
        String v = System.getProperty("bench." + name);
        return v == null ? def : Double.parseDouble(v);
    }

    static String feeder(String defaultName) {
        return Path.of(System.getProperty("bench.feeder",
                System.getProperty("bench.defaultDataDir", "target/bench-data") + "/" + defaultName)).toAbsolutePath().toString();
    }

    static HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http.baseUrl(HTTP_URL).wsBaseUrl(WS_URL)
                .warmUp(HTTP_URL + "/health")
                .userAgentHeader("klaslijn-load-tests");
        String addresses = System.getProperty("bench.localAddresses", "");
        if (!addresses.isBlank()) {
            protocol = protocol.localAddresses(Arrays.stream(addresses.split(",")).map(String::trim).toList());
        }
        return protocol;
    }

    /**
     * Opens one WebSocket (named {@code wsNameEl}), sends CONNECT with the token in {@code tokenEl}, subscribes
     * /user/events and /user/replies, and waits for the RECEIPT of the second subscription (frames on one
     * connection are handled in order, so that RECEIPT means both are active).
     */
    static ChainBuilder openStomp(String wsNameEl, String tokenEl) {
        return openStomp(wsNameEl, tokenEl, "/stomp");
    }

    /**
     * As {@link #openStomp(String, String)}, connecting to {@code urlEl}: an absolute URL (one node of
     * {@link #stompUrl}, possibly from a session attribute such as {@code #{aUrl}}) or a path under bench.wsUrl.
     */
    static ChainBuilder openStomp(String wsNameEl, String tokenEl, String urlEl) {
        return exec(
                ws("open WebSocket").wsName(wsNameEl).connect(urlEl).subprotocol("v12.stomp"),
                ws("CONNECT").wsName(wsNameEl).sendText(Stomp.connect(tokenEl)).await(AWAIT).on(
                        ws.checkTextMessage("CONNECT -> CONNECTED").check(regex("^CONNECTED\n").exists())),
                ws("SUBSCRIBE /user/events").wsName(wsNameEl).sendText(Stomp.subscribe("ev", "/user/events", null)),
                ws("SUBSCRIBE /user/replies").wsName(wsNameEl)
                        .sendText(Stomp.subscribe("rp", "/user/replies", "subscribed")).await(AWAIT).on(
                                ws.checkTextMessage("SUBSCRIBE -> RECEIPT")
                                        .matching(substring("receipt-id:subscribed"))
                                        .check(regex("^RECEIPT\n").exists())));
    }

    /** Prints the lines and writes them to target/bench-results/NAME-TIMESTAMP.txt (or bench.resultsDir). */
    static void report(String name, List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add("==== " + name + " " + LocalDateTime.now() + " ====");
        out.add("parameters: " + System.getProperties().entrySet().stream()
                .filter(e -> e.getKey().toString().startsWith("bench.") && !e.getKey().toString().startsWith("bench.default"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        out.addAll(lines);
        out.forEach(System.out::println);
        try {
            Path dir = Path.of(System.getProperty("bench.resultsDir",
                    System.getProperty("bench.defaultResultsDir", "target/bench-results")));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
            Files.write(file, out, StandardCharsets.UTF_8);
            System.out.println("results written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("could not write results: " + e);
        }
    }

    /**
     * The SEND → MESSAGE measurement shared by the latency simulations: SEND on socket {@code fromSocket}
     * (session attributes {@code conversationId}, {@code cmid} and {@code t0} = send time must be set),
     * then arm socket {@code toSocket} with a heart-beat whose await matches the MESSAGE carrying that
     * client message id, and record send→receive in {@code latencies}. A MESSAGE that arrived before the
     * await was armed would show as a timeout (docs/benchmarks.md, section 2).
     */
    static ChainBuilder sendAndAwaitPeer(String fromSocket, String toSocket, String armName, String text,
            Latencies latencies, boolean measured) {
        return exec(
                exec(ws("SEND message").wsName(fromSocket).sendText(Stomp.sendMessage("#{conversationId}", "#{cmid}", text))),
                exec(ws(armName).wsName(toSocket).sendText(Stomp.HEARTBEAT).await(AWAIT).on(
                        ws.checkTextMessage(measured ? latencies.name() : "warm-up: " + latencies.name())
                                .matching(substring(Stomp.clientMessageIdField("#{cmid}")))
                                .check(regex("^(MESSAGE)\n").transform(m -> System.nanoTime()).saveAs("t1")))),
                exec(session -> {
                    if (session.contains("t1")) {
                        latencies.record(session.getLong("t1") - session.getLong("t0"));
                    }
                    return session.remove("t1");
                }));
    }
}
