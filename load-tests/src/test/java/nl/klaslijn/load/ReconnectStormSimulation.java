package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reconnect storm: every client of one node reconnects to the other nodes at the same instant and catches up with
 * {@code /app/sync}.
 *
 * <p>Feeder: one row per group member ({@code BenchSetup groups ... --rows members}: conversationId, userId, token,
 * member). One virtual user per person, one connection each, on node {@code member % nodes} (so every group has
 * members on every node). Timeline, from the simulation's start:
 *
 * <ol>
 *   <li>{@code 0 .. connectSeconds}: everybody connects (ramp), CONNECT, SUBSCRIBE /user/events and /user/replies.
 *   <li>{@code downAt = connectSeconds + settleSeconds}: the clients of node {@code stormNode} (default the last)
 *       close their connections, as if that node had gone away.
 *   <li>{@code downAt + 1 s}: member 0 of every group (on node 0, never the storm node) sends {@code seedMessages}
 *       messages, each awaited to its RECEIPT: the messages the disconnected clients miss.
 *   <li>{@code stormAt = downAt + downSeconds}: all clients of the storm node at once open a new connection to one
 *       of the other nodes (round-robin), CONNECT, SUBSCRIBE both, send {@code /app/sync} with {@code since "0"} and
 *       await the sync reply, checked to hold the last message their group's member 0 sent while they were away.
 *       One "reconnect and catch-up" = from the storm instant until that reply arrived, per client.
 *   <li>everybody holds until {@code stormAt + holdSeconds}, then closes.
 * </ol>
 *
 * <p>Reported: per target node, how many caught up and how fast (count / time from the storm instant to the last
 * reply on that node, and the best 1-second window), latency of reconnect-and-catch-up, failures (KO), and server /
 * Cassandra / Redis CPU between the storm instant and the last reply.
 *
 * <p>Parameters: bench.feeder (members CSV), bench.users (all rows), bench.connectSeconds (45),
 * bench.settleSeconds (10), bench.downSeconds (8), bench.holdSeconds (20), bench.seedMessages (3), bench.stormNode
 * (last node), bench.wsUrls (at least two nodes), bench.serverPid, bench.cassandraPid, bench.redisPid,
 * bench.redisPort, bench.localAddresses.
 */
public class ReconnectStormSimulation extends Simulation {

    static final List<Map<String, Object>> ROWS = csv(Bench.feeder("members.csv")).readRecords();
    static final int USERS = Math.min(ROWS.size(), Bench.intProp("users", ROWS.size()));
    static final int NODES = Bench.WS_URLS.size();
    static final int STORM_NODE = Bench.intProp("stormNode", NODES - 1);
    static final int CONNECT = Bench.intProp("connectSeconds", 45);
    static final int SETTLE = Bench.intProp("settleSeconds", 10);
    static final int DOWN = Bench.intProp("downSeconds", 8);
    static final int HOLD = Bench.intProp("holdSeconds", 20);
    static final int SEED = Bench.intProp("seedMessages", 3);
    static final String TEXT = "Let op: de schoolreis gaat morgen door, verzamelen om 8:15 bij het hek.";

    static int nodeOf(Map<String, Object> row) {
        return Integer.parseInt(row.get("member").toString()) % NODES;
    }

    final int stormUsers = (int) ROWS.subList(0, USERS).stream().filter(r -> nodeOf(r) == STORM_NODE).count();
    final Phase phase = new Phase(1, Duration.ofSeconds(1));
    final Map<String, String> lastSeeded = new ConcurrentHashMap<>();
    final AtomicInteger seeded = new AtomicInteger();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger target = new AtomicInteger();
    final AtomicInteger caughtUp = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger missingSeed = new AtomicInteger();
    /** (target node, nanos from the storm instant to the sync reply) of every storm client that caught up. */
    final ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
    final Latencies reconnect = new Latencies("storm: close -> reconnected + sync reply", 200_000);
    volatile long startNanos = System.nanoTime();
    volatile long startMillis = System.currentTimeMillis();

    long atMillis(int secondsFromStart) {
        return startMillis + secondsFromStart * 1000L;
    }

    Duration until(int secondsFromStart) {
        return Duration.ofMillis(Math.max(0, atMillis(secondsFromStart) - System.currentTimeMillis()));
    }

    ScenarioBuilder scn = scenario("reconnect storm client")
            .feed(io.gatling.javaapi.core.CoreDsl.listFeeder(ROWS.subList(0, USERS)).queue())
            .exec(session -> {
                int node = Integer.parseInt(session.getString("member")) % NODES;
                return session.set("node", node).set("url", Bench.stompUrl(node)).set("n", 0);
            })
            .exec(Bench.openStomp("home", "#{token}", "#{url}"))
            .exec(session -> {
                if (!session.isFailed()) {
                    connected.incrementAndGet();
                }
                return session;
            })
            .pause(session -> until(CONNECT + SETTLE))
            .doIfOrElse(session -> session.getInt("node") == STORM_NODE).then(
                    // The storm node's clients: gone while the node is "down", then all back at once elsewhere.
                    exec(ws("close (node down)").wsName("home").close())
                            .pause(session -> until(CONNECT + SETTLE + DOWN))
                            .exec(session -> {
                                phase.mark("stormStart");
                                int other = (STORM_NODE + 1 + target.getAndIncrement() % (NODES - 1)) % NODES;
                                String expected = lastSeeded.get(session.getString("conversationId"));
                                if (expected == null) {
                                    missingSeed.incrementAndGet();
                                }
                                return session.set("target", other).set("newUrl", Bench.stompUrl(other))
                                        .set("expected", expected == null ? "\"type\":\"sync\"" : Stomp.clientMessageIdField(expected))
                                        .set("t0", System.nanoTime());
                            })
                            .exec(Bench.openStomp("moved", "#{token}", "#{newUrl}"))
                            .exec(ws("/app/sync").wsName("moved")
                                    .sendText(Stomp.request("/app/sync", "sync-#{userId}", "{\"since\":\"0\",\"limit\":50}"))
                                    .await(Bench.AWAIT).on(ws.checkTextMessage("/app/sync -> reply (with the missed message)")
                                            .matching(substring("correlation-id:sync-#{userId}\n"))
                                            .check(regex("^MESSAGE\n").exists(), substring("\"type\":\"sync\"").exists(),
                                                    substring("#{expected}").exists())))
                            .exec(session -> {
                                long now = System.nanoTime();
                                if (session.isFailed()) {
                                    failed.incrementAndGet();
                                } else {
                                    caughtUp.incrementAndGet();
                                    done.add(new long[] {session.getInt("target"), now - stormStartNanos()});
                                    reconnect.record(now - session.getLong("t0"));
                                }
                                if (caughtUp.get() + failed.get() >= stormUsers) {
                                    phase.mark("stormEnd");
                                }
                                return session;
                            })
                            .pause(session -> until(CONNECT + SETTLE + DOWN + HOLD))
                            .exec(ws("close").wsName("moved").close()))
            .orElse(
                    exec(session -> session)
                            .doIf(session -> "0".equals(session.getString("member")) && SEED > 0).then(
                                    exec(session -> session).pause(Duration.ofSeconds(1))
                                            .repeat(SEED, "k").on(
                                                    exec(session -> session.set("cmid", "s" + Bench.RUN_ID + "-"
                                                            + session.getString("userId").substring(0, 8) + "-" + session.getInt("k"))),
                                                    exec(ws("seed SEND -> RECEIPT").wsName("home")
                                                            .sendText(Stomp.sendMessage("#{conversationId}", "#{cmid}", TEXT))
                                                            .await(Bench.AWAIT).on(ws.checkTextMessage("seed RECEIPT")
                                                                    .matching(substring("receipt-id:#{cmid}\n"))
                                                                    .check(regex("^RECEIPT\n").exists()))),
                                                    exec(session -> {
                                                        if (!session.isFailed()) {
                                                            lastSeeded.put(session.getString("conversationId"),
                                                                    session.getString("cmid"));
                                                            seeded.incrementAndGet();
                                                        }
                                                        return session;
                                                    })))
                            .pause(session -> until(CONNECT + SETTLE + DOWN + HOLD))
                            .exec(ws("close").wsName("home").close()));

    long stormStartNanos() {
        Phase.Mark m = phase.get("stormStart");
        return m == null ? startNanos : m.wallNanos();
    }

    {
        setUp(scn.injectOpen(rampUsers(USERS).during(Duration.ofSeconds(CONNECT)))).protocols(Bench.protocol());
    }

    @Override
    public void before() {
        startNanos = System.nanoTime();
        startMillis = System.currentTimeMillis();
    }

    @Override
    public void after() {
        phase.mark("stormEnd");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "users %d over %d node(s) %s; clients of node %d (%d) reconnect to the others after "
                        + "%ds down; %d seed messages per group (%d sent)", USERS, NODES, Bench.WS_URLS, STORM_NODE + 1, stormUsers,
                DOWN, SEED, seeded.get()));
        lines.add(String.format(Locale.ROOT, "connected before the storm %d of %d; storm clients caught up %d, failed %d "
                + "(no seed message known for their group: %d)", connected.get(), USERS, caughtUp.get(), failed.get(), missingSeed.get()));
        lines.add(reconnect.summary());
        for (int node = 0; node < NODES; node++) {
            final int n = node;
            long[] times = done.stream().filter(d -> d[0] == n).mapToLong(d -> d[1]).sorted().toArray();
            if (times.length == 0) {
                continue;
            }
            double span = times[times.length - 1] / 1e9;
            // Best 1-second window of completions.
            int best = 0;
            for (int i = 0, j = 0; i < times.length; i++) {
                while (times[i] - times[j] > 1_000_000_000L) {
                    j++;
                }
                best = Math.max(best, i - j + 1);
            }
            lines.add(String.format(Locale.ROOT, "node %d: %d reconnect-and-catch-up in %.3fs from the storm instant = %.0f/s "
                    + "(best 1-s window %d/s; first done at %.3fs, median at %.3fs)", node + 1, times.length, span,
                    times.length / span, best, times[0] / 1e9, times[times.length / 2] / 1e9));
        }
        lines.addAll(phase.cpuReport("stormStart", "stormEnd", caughtUp.get(), 0));
        Bench.report("ReconnectStormSimulation", lines);
    }
}
