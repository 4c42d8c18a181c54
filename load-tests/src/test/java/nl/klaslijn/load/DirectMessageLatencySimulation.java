package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 1:1 messages: SEND on one person's connection to the MESSAGE on the other person's connection.
 *
 * <p>One virtual user per pair holds both connections (named WebSockets {@code a} and {@code b}). Person a
 * opens the direct conversation with {@code /app/direct} (a real {@code direct} conversation, created by the
 * server). Then the pair alternates: one sends, and the other's connection is armed (a client heart-beat with
 * an await, issued right after the SEND in the same event-loop task); the await completes on the MESSAGE that
 * carries the sender's clientMessageId. So both Gatling's "direct SEND -> MESSAGE (peer)" and the microsecond
 * sample measure SEND -> delivery on the other member's connection.
 *
 * <p>Phases as in {@link GroupFanoutSimulation}: connect, barrier, idle, warm-up (not counted), barrier, measured.
 *
 * <p>Cluster: with several nodes in bench.wsUrls, pair {@code i} (in feeder order) connects person a to node
 * {@code i} and person b to node {@code i + 1} (modulo the number of nodes), so every message crosses nodes
 * (through the broker); with one URL both are on the same node, as before.
 *
 * <p>Parameters: bench.feeder (direct CSV of BenchSetup), bench.pairs (50), bench.messagesPerSecond (100, all
 * pairs together), bench.durationSeconds (60), bench.warmupSeconds (30), bench.idleSeconds (5),
 * bench.wsUrls, bench.serverPid (one or several, comma-separated), bench.cassandraPid, bench.redisPid,
 * bench.redisPort.
 */
public class DirectMessageLatencySimulation extends Simulation {

    static final int PAIRS = Bench.intProp("pairs", 50);
    static final double RATE = Bench.doubleProp("messagesPerSecond", 100);
    static final int DURATION = Bench.intProp("durationSeconds", 60);
    static final int IDLE = Bench.intProp("idleSeconds", 5);
    static final int WARMUP = Bench.intProp("warmupSeconds", 30);
    static final String TEXT = "Hoi! Kan Noor morgen na school bij ons spelen? Ik haal ze om 15:15 op.";

    final Phase phase = new Phase(PAIRS, Duration.ofSeconds(120));
    final java.util.concurrent.atomic.AtomicInteger pairIndex = new java.util.concurrent.atomic.AtomicInteger();
    final Latencies toPeer = new Latencies("direct SEND -> MESSAGE (peer)", 2_000_000);
    final Latencies warmup = new Latencies("warm-up (not counted)", 2_000_000);

    /** One message: the pair alternates sender; the other one's connection awaits the MESSAGE. */
    private ChainBuilder iteration(Latencies latencies, boolean measured) {
        return exec(
                pace(Duration.ofNanos((long) (1e9 * PAIRS / RATE))),
                exec(session -> {
                    int n = session.getInt("n") + 1;
                    boolean aSends = n % 2 == 1;
                    if (measured) {
                        phase.sent.incrementAndGet();
                    }
                    return session.set("n", n).set("from", aSends ? "a" : "b").set("to", aSends ? "b" : "a")
                            .set("cmid", "d" + Bench.RUN_ID + "-" + session.userId() + "-" + n)
                            .set("t0", System.nanoTime());
                }),
                Bench.sendAndAwaitPeer("#{from}", "#{to}", "arm peer", TEXT, latencies, measured));
    }

    ScenarioBuilder scn = scenario("direct pair")
            .feed(csv(Bench.feeder("direct.csv")).queue())
            .exec(session -> {
                int i = pairIndex.getAndIncrement();
                return session.set("aUrl", Bench.stompUrl(i)).set("bUrl", Bench.stompUrl(i + 1));
            })
            .exec(Bench.openStomp("a", "#{aToken}", "#{aUrl}"), Bench.openStomp("b", "#{bToken}", "#{bUrl}"))
            .exec(ws("open direct conversation").wsName("a")
                    .sendText(Stomp.request("/app/direct", "direct-#{bUser}", "{\"userId\":\"#{bUser}\"}"))
                    .await(Bench.AWAIT).on(ws.checkTextMessage("/app/direct -> reply")
                            .matching(substring("correlation-id:direct-#{bUser}\n"))
                            .check(regex("\"conversation\":\\{\"id\":\"([0-9a-f-]{36})\"").saveAs("conversationId"))))
            .exec(session -> session.set("n", 0))
            .exec(phase.barrier("ready"))
            .pause(Duration.ofSeconds(IDLE))
            .exec(phase.markAt("idleEnd"))
            .during(Duration.ofSeconds(WARMUP), false).on(iteration(warmup, false))
            .exec(phase.barrier("sendStart"))
            .during(Duration.ofSeconds(DURATION), false).on(iteration(toPeer, true))
            .exec(phase.doneSending())
            .pause(Duration.ofSeconds(1))
            .exec(ws("close").wsName("a").close(), ws("close").wsName("b").close());

    {
        setUp(scn.injectOpen(atOnceUsers(PAIRS))).protocols(Bench.protocol());
    }

    @Override
    public void after() {
        phase.mark("sendEnd");
        long messages = phase.sent.get();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "pairs %d (%d reached the barrier), target %.1f messages/s for %ds after %ds warm-up; "
                        + "%d node(s) %s, the two people of a pair on %s", PAIRS, phase.arrivedUsers("ready"), RATE, DURATION, WARMUP,
                Bench.WS_URLS.size(), Bench.WS_URLS, Bench.WS_URLS.size() > 1 ? "different nodes" : "the same node"));
        lines.add(warmup.summary());
        lines.add(toPeer.summary());
        // Each direct message goes to the peer's and the sender's own connection (/user/events of both members).
        lines.addAll(phase.cpuReport("sendStart", "sendEnd", messages, messages * 2));
        Phase.Mark a = phase.get("sendStart");
        Phase.Mark b = phase.get("sendEnd");
        if (a != null && b != null) {
            lines.add(String.format(Locale.ROOT, "achieved %.1f messages/s (target %.1f)",
                    messages / ((b.wallNanos() - a.wallNanos()) / 1e9), RATE));
        }
        Bench.report("DirectMessageLatencySimulation", lines);
    }
}
