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
 * History pages: {@code /app/history} with limit 50, SEND -> the reply MESSAGE on /user/replies (matched by
 * correlation-id, checked to hold 50 messages).
 *
 * <p>One virtual user per conversation (a groups CSV of BenchSetup; it connects as the first member). It
 * first seeds {@code seedMessages} messages (each SEND awaited to its RECEIPT, reported as "seed SEND ->
 * RECEIPT"), then, after a barrier, reads for {@code durationSeconds}: each iteration reads the newest page
 * and then the next older page ({@code before} = the first page's {@code nextBefore}).
 *
 * <p>Parameters: bench.feeder, bench.conversations (20), bench.seedMessages (200), bench.readsPerSecond
 * (50 iterations/s, all readers together; each iteration is 2 page reads), bench.durationSeconds (60),
 * bench.warmupSeconds (20, not counted), bench.serverPid, bench.cassandraPid.
 */
public class HistoryReadSimulation extends Simulation {

    static final int CONVERSATIONS = Bench.intProp("conversations", 20);
    static final int SEED = Bench.intProp("seedMessages", 200);
    static final double RATE = Bench.doubleProp("readsPerSecond", 50);
    static final int DURATION = Bench.intProp("durationSeconds", 60);
    static final int WARMUP = Bench.intProp("warmupSeconds", 20);
    static final String TEXT = "Herinnering: donderdag is de schoolreis, de bus vertrekt om 8:30. Neem een lunchpakket mee.";

    final Phase phase = new Phase(CONVERSATIONS, Duration.ofSeconds(300));
    final Latencies newest = new Latencies("history newest 50", 2_000_000);
    final Latencies older = new Latencies("history older 50 (before)", 2_000_000);
    final Latencies warmNewest = new Latencies("warm-up newest (not counted)", 2_000_000);
    final Latencies warmOlder = new Latencies("warm-up older (not counted)", 2_000_000);

    /** Newest page, then the next older page (before = the first page's nextBefore). */
    private ChainBuilder iteration(Latencies first, Latencies second, boolean measured) {
        String prefix = measured ? "" : "warm-up: ";
        return exec(
                pace(Duration.ofNanos((long) (1e9 * CONVERSATIONS / RATE))),
                exec(session -> {
                    int n = session.getInt("n") + 1;
                    return session.set("n", n).set("corr", "h-" + n).set("t0", System.nanoTime());
                }),
                exec(ws("history SEND").wsName("h")
                        .sendText(Stomp.request("/app/history", "#{corr}", "{\"conversationId\":\"#{conversationId}\",\"limit\":50}"))
                        .await(Bench.AWAIT).on(ws.checkTextMessage(prefix + first.name())
                                .matching(substring("correlation-id:#{corr}\n"))
                                .check(regex("\"clientMessageId\"").count().is(50),
                                        regex("\"nextBefore\":\"(\\d+)\"").saveAs("before"),
                                        regex("^(MESSAGE)\n").transform(m -> System.nanoTime()).saveAs("t1")))),
                exec(session -> {
                    if (session.contains("t1")) {
                        first.record(session.getLong("t1") - session.getLong("t0"));
                    }
                    return session.remove("t1").set("corr", "o-" + session.getInt("n")).set("t0", System.nanoTime());
                }),
                exec(ws("history SEND before").wsName("h")
                        .sendText(Stomp.request("/app/history", "#{corr}",
                                "{\"conversationId\":\"#{conversationId}\",\"before\":\"#{before}\",\"limit\":50}"))
                        .await(Bench.AWAIT).on(ws.checkTextMessage(prefix + second.name())
                                .matching(substring("correlation-id:#{corr}\n"))
                                .check(regex("\"clientMessageId\"").count().is(50),
                                        regex("^(MESSAGE)\n").transform(m -> System.nanoTime()).saveAs("t1")))),
                exec(session -> {
                    if (session.contains("t1")) {
                        second.record(session.getLong("t1") - session.getLong("t0"));
                    }
                    if (measured) {
                        phase.sent.addAndGet(2);
                    }
                    return session.remove("t1");
                }));
    }

    ScenarioBuilder scn = scenario("history reader")
            .feed(csv(Bench.feeder("history.csv")).queue())
            .exec(session -> session.set("token", session.getString("tokens").split(";")[0]).set("n", 0))
            .exec(Bench.openStomp("h", "#{token}"))
            .repeat(SEED, "k").on(
                    exec(session -> session.set("cmid", "h" + Bench.RUN_ID + "-" + session.userId() + "-" + session.getInt("k"))),
                    exec(ws("seed SEND").wsName("h").sendText(Stomp.sendMessage("#{conversationId}", "#{cmid}", TEXT))
                            .await(Bench.AWAIT).on(ws.checkTextMessage("seed SEND -> RECEIPT")
                                    .matching(substring("receipt-id:#{cmid}\n"))
                                    .check(regex("^RECEIPT\n").exists()))))
            .exec(phase.barrier("ready"))
            .during(Duration.ofSeconds(WARMUP), false).on(iteration(warmNewest, warmOlder, false))
            .exec(phase.barrier("sendStart"))
            .during(Duration.ofSeconds(DURATION), false).on(iteration(newest, older, true))
            .exec(phase.doneSending())
            .exec(ws("close").wsName("h").close());

    {
        setUp(scn.injectOpen(atOnceUsers(CONVERSATIONS))).protocols(Bench.protocol());
    }

    @Override
    public void after() {
        phase.mark("sendEnd");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d conversations x %d seeded messages, target %.1f iterations/s "
                + "(2 page reads each) for %ds after %ds warm-up", CONVERSATIONS, SEED, RATE, DURATION, WARMUP));
        lines.add(warmNewest.summary());
        lines.add(warmOlder.summary());
        lines.add(newest.summary());
        lines.add(older.summary());
        lines.addAll(phase.cpuReport("sendStart", "sendEnd", phase.sent.get(), 0));
        Bench.report("HistoryReadSimulation", lines);
    }
}
