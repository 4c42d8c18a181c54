package nl.klaslijn.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klaslijn.common.events.Audience;
import nl.klaslijn.common.events.EntityRef;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import nl.klaslijn.load.setup.BenchSetup;

/**
 * Portal events fanned out by one chat node (docs/benchmarks.md, "Portal events"): {@code --users} parents of one
 * school, each with one STOMP connection subscribed to /user/events (JDK WebSocket client, one shared selector), and
 * school-wide portal events POSTed one per request to the internal events endpoint (as portal-api's relay does when
 * traffic is light) at {@code --rate} per second. Each event's body carries its sequence number and the driver's
 * {@code System.nanoTime()} at the POST, so every delivery yields "POST → event on that connection"; the time until
 * an event's last recipient got it is its fan-out time. Server and Cassandra CPU (utime + stime from /proc) are read
 * around an idle baseline and around the measured phase; CPU per delivery is the measured phase's CPU less the idle
 * rate, over the deliveries.
 *
 * <p>Run: {@code ./mvnw -B -o -q -pl load-tests exec:java -Dexec.mainClass=nl.klaslijn.load.PortalFanoutBench
 * -Dexec.args="--users 2000 --rate 5 --server-pid P --cassandra-pid C"} against {@code load-tests/bench/server.sh}.
 */
public final class PortalFanoutBench {

    private static final Pattern SEQ = Pattern.compile("\"n\":\"(\\d+)\"");
    private static final Pattern SENT = Pattern.compile("\"t\":\"(\\d+)\"");

    private final Map<String, String> opts;
    private final BenchSetup setup;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI ws;
    private final URI events;
    private final int users;
    private final int measuredFrom;
    private final int totalEvents;
    private final long[] samples;
    private final AtomicInteger sampled = new AtomicInteger();
    private final AtomicLongArray lastArrival;
    private final AtomicLongArray arrivals;

    private PortalFanoutBench(Map<String, String> opts) {
        this.opts = opts;
        String base = opts.getOrDefault("base-url", "http://127.0.0.1:18090");
        this.setup = new BenchSetup(base, BenchSetup.DEVELOPMENT_KEY, Duration.ofHours(2), 16);
        this.ws = URI.create(opts.getOrDefault("ws", "ws://127.0.0.1:18080/stomp"));
        this.events = URI.create(base + "/internal/v1/schools/" + setup.school() + "/events");
        this.users = intOpt("users", 2000);
        double rate = Double.parseDouble(opts.getOrDefault("rate", "5"));
        this.measuredFrom = (int) Math.round(rate * intOpt("warmup", 30));
        this.totalEvents = measuredFrom + (int) Math.round(rate * intOpt("duration", 60));
        this.samples = new long[(totalEvents - measuredFrom) * users];
        this.lastArrival = new AtomicLongArray(totalEvents);
        this.arrivals = new AtomicLongArray(totalEvents);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new PortalFanoutBench(opts).run();
        System.exit(0);
    }

    private void run() throws Exception {
        long[] server = {longOpt("server-pid")};
        long[] cassandra = {longOpt("cassandra-pid")};
        double rate = Double.parseDouble(opts.getOrDefault("rate", "5"));
        List<UUID> parents = setup.parents(users);
        List<WebSocket> sockets = connectAll(parents);
        System.out.printf(Locale.ROOT, "%d connections of school %s subscribed to /user/events%n", sockets.size(),
                setup.school());

        long idleStart = System.nanoTime();
        long idleServer = ProcessCpu.nanos(server);
        long idleCassandra = ProcessCpu.nanos(cassandra);
        Thread.sleep(TimeUnit.SECONDS.toMillis(intOpt("idle", 10)));
        double idleServerRate = (ProcessCpu.nanos(server) - idleServer) / (double) (System.nanoTime() - idleStart);
        double idleCassandraRate = (ProcessCpu.nanos(cassandra) - idleCassandra) / (double) (System.nanoTime() - idleStart);

        post(0, measuredFrom, rate);
        awaitArrivals(0, measuredFrom);
        long start = System.nanoTime();
        long serverStart = ProcessCpu.nanos(server);
        long cassandraStart = ProcessCpu.nanos(cassandra);
        post(measuredFrom, totalEvents, rate);
        boolean complete = awaitArrivals(measuredFrom, totalEvents);
        long wall = System.nanoTime() - start;
        double serverCpu = ProcessCpu.nanos(server) - serverStart - idleServerRate * wall;
        double cassandraCpu = ProcessCpu.nanos(cassandra) - cassandraStart - idleCassandraRate * wall;
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        report(rate, complete, serverCpu, cassandraCpu, idleServerRate, idleCassandraRate);
    }

    private List<WebSocket> connectAll(List<UUID> parents) {
        Semaphore connecting = new Semaphore(64);
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        for (UUID parent : parents) {
            connecting.acquireUninterruptibly();
            Receiver receiver = new Receiver();
            opened.add(http.newWebSocketBuilder().subprotocols("v12.stomp").connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(ws, receiver)
                    .thenCompose(socket -> socket.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n"
                            + "Authorization:Bearer " + setup.chatToken(parent) + "\n\n\0", true))
                    .thenCompose(socket -> receiver.connected.thenCompose(c -> socket.sendText(
                            "SUBSCRIBE\nid:events\ndestination:/user/events\nreceipt:s\n\n\0", true)))
                    .thenCompose(socket -> receiver.subscribed.thenApply(r -> socket))
                    .whenComplete((s, e) -> connecting.release()));
        }
        return opened.stream().map(CompletableFuture::join).toList();
    }

    /** POSTs events {@code from} .. {@code to}-1, one per request, paced at {@code rate} per second. */
    private void post(int from, int to, double rate) throws InterruptedException {
        long interval = (long) (1e9 / rate);
        long next = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int n = from; n < to; n++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            next += interval;
            PortalEvent event = new PortalEvent(UUID.randomUUID(), "news.published", 1, setup.school(),
                    Audience.school(), "news", new EntityRef("news-item", UUID.randomUUID().toString(), 1),
                    Instant.now(), Map.of("n", Integer.toString(n), "t", Long.toString(System.nanoTime())));
            calls.add(http.sendAsync(HttpRequest.newBuilder(events)
                    .header("Authorization", "Bearer " + setup.serviceToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + PortalEventJson.encodeToString(event)
                            + "]}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("events endpoint answered " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** Waits (at most 30 s after the last POST) until every connection received events from .. to-1. */
    private boolean awaitArrivals(int from, int to) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int n = from; n < to && all; n++) {
                all = arrivals.get(n) >= users;
            }
            if (all) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private void report(double rate, boolean complete, double serverCpu, double cassandraCpu, double idleServer,
            double idleCassandra) throws Exception {
        int measured = totalEvents - measuredFrom;
        long deliveries = 0;
        long[] fanout = new long[measured];
        for (int n = measuredFrom; n < totalEvents; n++) {
            deliveries += arrivals.get(n);
            fanout[n - measuredFrom] = lastArrival.get(n);
        }
        long[] all = Arrays.copyOf(samples, Math.min(sampled.get(), samples.length));
        Arrays.sort(all);
        Arrays.sort(fanout);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "PortalFanoutBench: %d connections, one school-wide event per POST, %.1f/s;"
                + " %d warm-up events, %d measured", users, rate, measuredFrom, measured));
        lines.add(String.format(Locale.ROOT, "deliveries %d of %d expected%s", deliveries, (long) measured * users,
                complete ? "" : " (INCOMPLETE after 30 s)"));
        lines.add(String.format(Locale.ROOT, "POST -> event on a connection (every delivery): p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms", ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 1.0)));
        lines.add(String.format(Locale.ROOT, "POST -> last recipient (per event): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                ms(fanout, 0.50), ms(fanout, 0.99), ms(fanout, 1.0)));
        lines.add(String.format(Locale.ROOT, "chat-server CPU above idle: %.0f us per event, %.2f us per delivery"
                + " (idle %.3f cores)", serverCpu / 1e3 / measured, serverCpu / 1e3 / Math.max(1, deliveries), idleServer));
        lines.add(String.format(Locale.ROOT, "Cassandra CPU above idle: %.0f us per event (idle %.3f cores)",
                cassandraCpu / 1e3 / measured, idleCassandra));
        lines.forEach(System.out::println);
        Path out = Path.of("target/bench-results/PortalFanoutBench-" + System.currentTimeMillis() + ".txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private int intOpt(String name, int fallback) {
        return Integer.parseInt(opts.getOrDefault(name, Integer.toString(fallback)));
    }

    private long longOpt(String name) {
        return Long.parseLong(opts.getOrDefault(name, "0"));
    }

    /** One connection's frames: CONNECTED, the subscription's RECEIPT, then portal events, timed on arrival. */
    private final class Receiver implements WebSocket.Listener {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final StringBuilder frame = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                frame(System.nanoTime(), frame.toString());
                frame.setLength(0);
            }
            socket.request(1);
            return null;
        }

        private void frame(long now, String text) {
            if (text.startsWith("CONNECTED")) {
                connected.complete(null);
            } else if (text.startsWith("RECEIPT")) {
                subscribed.complete(null);
            } else if (text.startsWith("ERROR")) {
                connected.completeExceptionally(new IllegalStateException(text));
                subscribed.completeExceptionally(new IllegalStateException(text));
            } else if (text.startsWith("MESSAGE") && text.contains("event-type:portal")) {
                Matcher seq = SEQ.matcher(text);
                Matcher sent = SENT.matcher(text);
                if (seq.find() && sent.find()) {
                    int n = Integer.parseInt(seq.group(1));
                    long latency = now - Long.parseLong(sent.group(1));
                    arrivals.incrementAndGet(n);
                    lastArrival.accumulateAndGet(n, latency, Math::max);
                    if (n >= measuredFrom) {
                        int i = sampled.getAndIncrement();
                        if (i < samples.length) {
                            samples[i] = latency;
                        }
                    }
                }
            }
        }
    }
}
