package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fan-out to 30-member groups on one node, every member connected.
 *
 * <p>One virtual user per group holds all its members' connections (named WebSockets {@code m0..m29}, each
 * CONNECTed and subscribed to /user/events and /user/replies). After a barrier (all groups connected) and an
 * idle baseline, each group sends for {@code durationSeconds} at {@code messagesPerSecond / groups} messages
 * per second. Each message: a random member sends; a random other member's connection is armed (a client
 * heart-beat with an await) right after the SEND, in the same event-loop task, and the await completes on the
 * MESSAGE carrying the sender's clientMessageId: the Gatling time of "group SEND -> MESSAGE (other member)" and
 * the microsecond sample both run from the SEND to the moment another member's connection received the event.
 *
 * <p>Server CPU (utime+stime of -Dbench.serverPid) is read at the phase boundaries; deliveries = messages x
 * group size x devicesPerMember (every connection's /user/events, the sender's own included, as the protocol
 * says). With devicesPerMember=2 every member has two connections: twice the deliveries for the same
 * Cassandra writes, which separates the cost of a delivery from the cost of a member's index write.
 *
 * <p>Phases: connect all; barrier "ready"; idle baseline (idleSeconds); warm-up sending (warmupSeconds, not
 * counted: JIT compilation of server and Cassandra); barrier "sendStart"; measured sending (durationSeconds).
 *
 * <p>Cluster: with several nodes in bench.wsUrls, socket {@code m<i>} connects to node {@code i} (modulo the
 * number of nodes): members spread round-robin, so every message is fanned out on every node through the broker.
 * With bench.redisPort the measured phase also reports Redis's publish calls per message (INFO commandstats).
 *
 * <p>Parameters: bench.feeder (groups CSV of BenchSetup), bench.groups (20), bench.messagesPerSecond (100, all
 * groups together), bench.durationSeconds (60), bench.warmupSeconds (30), bench.idleSeconds (10),
 * bench.devicesPerMember (1), bench.wsUrls, bench.serverPid (one or several, comma-separated),
 * bench.cassandraPid, bench.redisPid, bench.redisPort.
 */
public class GroupFanoutSimulation extends Simulation {

    static final int GROUPS = Bench.intProp("groups", 20);
    static final double RATE = Bench.doubleProp("messagesPerSecond", 100);
    static final int DURATION = Bench.intProp("durationSeconds", 60);
    static final int IDLE = Bench.intProp("idleSeconds", 10);
    static final int WARMUP = Bench.intProp("warmupSeconds", 30);
    /** Connections per member (devices). 2 doubles the deliveries without adding Cassandra writes. */
    static final int DEVICES = Bench.intProp("devicesPerMember", 1);
    static final String TEXT = "Morgen is er gym, vergeet de gymschoenen niet. Groeten, juf Sanne (bericht voor de groep)";

    final Phase phase = new Phase(GROUPS, Duration.ofSeconds(180));
    final Latencies toOther = new Latencies("group SEND -> MESSAGE (other member)", 2_000_000);
    final Latencies warmup = new Latencies("warm-up (not counted)", 2_000_000);
    volatile int groupSize;

    /** One message: a random member sends, a random other member's connection awaits the MESSAGE. */
    private ChainBuilder iteration(Latencies latencies, boolean measured) {
        return exec(
                pace(Duration.ofNanos((long) (1e9 * GROUPS / RATE))),
                exec(session -> {
                    int size = session.getInt("size");
                    int n = session.getInt("n") + 1;
                    int s = ThreadLocalRandom.current().nextInt(size);
                    // Another member, and one of that member's devices (socket m<member + size * device>).
                    int r = (s + 1 + ThreadLocalRandom.current().nextInt(size - 1)) % size
                            + size * ThreadLocalRandom.current().nextInt(DEVICES);
                    if (measured) {
                        phase.sent.incrementAndGet();
                    }
                    return session.set("n", n).set("s", s).set("r", r)
                            .set("cmid", "g" + Bench.RUN_ID + "-" + session.userId() + "-" + n)
                            .set("t0", System.nanoTime());
                }),
                Bench.sendAndAwaitPeer("m#{s}", "m#{r}", "arm other member", TEXT, latencies, measured));
    }

    ScenarioBuilder scn = scenario("group fan-out")
            .feed(csv(Bench.feeder("groups.csv")).queue())
            .exec(session -> {
                List<String> tokens = Arrays.asList(session.getString("tokens").split(";"));
                groupSize = tokens.size();
                return session.set("tokenList", tokens).set("size", tokens.size()).set("n", 0);
            })
            // Socket m<i> is member i % size (device i / size).
            .repeat(session -> session.getInt("size") * DEVICES, "i").on(
                    exec(session -> session.set("token", session.<String>getList("tokenList")
                            .get(session.getInt("i") % session.getInt("size")))
                            .set("url", Bench.stompUrl(session.getInt("i")))),
                    Bench.openStomp("m#{i}", "#{token}", "#{url}"))
            .exec(phase.barrier("ready"))
            .pause(Duration.ofSeconds(IDLE))
            .exec(phase.markAt("idleEnd"))
            .during(Duration.ofSeconds(WARMUP), false).on(iteration(warmup, false))
            .exec(phase.barrier("sendStart"))
            .during(Duration.ofSeconds(DURATION), false).on(iteration(toOther, true))
            .exec(phase.doneSending())
            .pause(Duration.ofSeconds(1))
            .repeat(session -> session.getInt("size") * DEVICES, "i").on(
                    exec(ws("close").wsName("m#{i}").close()));

    {
        setUp(scn.injectOpen(atOnceUsers(GROUPS))).protocols(Bench.protocol());
    }

    @Override
    public void after() {
        phase.mark("sendEnd"); // no-op when every group finished its loop
        long messages = phase.sent.get();
        long deliveries = messages * groupSize * DEVICES;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "groups %d x %d members x %d connection(s) each (%d of %d groups reached the "
                        + "barrier), target %.1f messages/s for %ds after %ds warm-up; connections round-robin over %d node(s) %s",
                GROUPS, groupSize, DEVICES, phase.arrivedUsers("ready"), GROUPS, RATE, DURATION, WARMUP, Bench.WS_URLS.size(),
                Bench.WS_URLS));
        lines.add(warmup.summary());
        lines.add(toOther.summary());
        lines.add("idle baseline (all connected, nothing sent):");
        lines.addAll(phase.cpuReport("ready", "idleEnd", 0, 0));
        lines.add("measured send phase:");
        lines.addAll(phase.cpuReport("sendStart", "sendEnd", messages, deliveries));
        Phase.Mark a = phase.get("sendStart");
        Phase.Mark b = phase.get("sendEnd");
        if (a != null && b != null) {
            lines.add(String.format(Locale.ROOT, "achieved %.1f messages/s, %.0f deliveries/s",
                    messages / ((b.wallNanos() - a.wallNanos()) / 1e9), deliveries / ((b.wallNanos() - a.wallNanos()) / 1e9)));
        }
        Bench.report("GroupFanoutSimulation", lines);
    }
}
