package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle authenticated connections: each virtual user opens one WebSocket, CONNECTs, subscribes /user/events and
 * /user/replies (RECEIPT awaited), and then stays silent (heart-beat 0,0) until a common end time, then closes.
 * Users ramp up over {@code rampSeconds} and all hold until ramp + {@code holdSeconds}; the server's heap is
 * measured from outside during the hold (load-tests/bench/idle-heap.sh polls /health for the count).
 *
 * <p>Parameters: bench.feeder (idle CSV of BenchSetup), bench.connections (19000), bench.rampSeconds (95),
 * bench.holdSeconds (60), bench.localAddresses (e.g. 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5: about 28,000
 * ephemeral ports per source address), bench.wsUrls (several nodes: connection {@code i} of this process goes to
 * node {@code i + bench.nodeOffset}, modulo the number of nodes), bench.feederSkip (0: rows of the feeder to skip, so
 * several load-generator processes can share one feeder). Keep ramp + hold under the server's 5-minute idle timeout.
 */
public class IdleConnectionsSimulation extends Simulation {

    static final int CONNECTIONS = Bench.intProp("connections", 19_000);
    static final int RAMP = Bench.intProp("rampSeconds", 95);
    static final int HOLD = Bench.intProp("holdSeconds", 60);

    static final int NODE_OFFSET = Bench.intProp("nodeOffset", 0);
    static final int FEEDER_SKIP = Bench.intProp("feederSkip", 0);

    final AtomicInteger subscribed = new AtomicInteger();
    final AtomicInteger index = new AtomicInteger();
    final AtomicInteger[] perNode = java.util.stream.IntStream.range(0, Bench.WS_URLS.size())
            .mapToObj(i -> new AtomicInteger()).toArray(AtomicInteger[]::new);
    volatile long holdUntilMillis = System.currentTimeMillis() + (RAMP + HOLD) * 1000L;

    ScenarioBuilder scn = scenario("idle connection")
            .feed(feeder())
            .exec(session -> {
                int node = Math.floorMod(index.getAndIncrement() + NODE_OFFSET, Bench.WS_URLS.size());
                return session.set("node", node).set("url", Bench.stompUrl(node));
            })
            .exec(Bench.openStomp("idle", "#{token}", "#{url}"))
            .exec(session -> {
                if (!session.isFailed()) {
                    subscribed.incrementAndGet();
                    perNode[session.getInt("node")].incrementAndGet();
                }
                return session;
            })
            .pause(session -> Duration.ofMillis(Math.max(0, holdUntilMillis - System.currentTimeMillis())))
            .exec(ws("close").wsName("idle").close());

    {
        setUp(scn.injectOpen(rampUsers(CONNECTIONS).during(Duration.ofSeconds(RAMP)))).protocols(Bench.protocol());
    }

    /** The feeder's rows from bench.feederSkip on. */
    private static io.gatling.javaapi.core.FeederBuilder<Object> feeder() {
        List<java.util.Map<String, Object>> records = csv(Bench.feeder("idle.csv")).readRecords();
        return io.gatling.javaapi.core.CoreDsl.listFeeder(records.subList(Math.min(FEEDER_SKIP, records.size()),
                Math.min(records.size(), FEEDER_SKIP + CONNECTIONS))).queue();
    }

    @Override
    public void before() {
        holdUntilMillis = System.currentTimeMillis() + (RAMP + HOLD) * 1000L;
    }

    @Override
    public void after() {
        Bench.report("IdleConnectionsSimulation", List.of(
                "connections requested " + CONNECTIONS + ", connected and subscribed " + subscribed.get()
                        + ", ramp " + RAMP + "s, hold until ramp + " + HOLD + "s",
                "per node (" + Bench.WS_URLS + "): " + java.util.Arrays.toString(perNode)));
    }
}
