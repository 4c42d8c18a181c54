package nl.klaslijn.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lines the virtual users up so a measured phase starts when every connection is open and subscribed, and
 * takes CPU readings of the server (and its Cassandra) at the phase boundaries.
 *
 * <p>Marks used by the simulations: {@code ready} (barrier: every user connected), {@code idleEnd} (end of the
 * idle baseline), {@code sendStart} (barrier after the warm-up loop: every user starts the measured loop),
 * {@code sendEnd} (the last user left the measured loop, i.e. its last awaited delivery arrived).
 */
final class Phase {

    record Mark(long wallNanos, long serverCpuNanos, long cassandraCpuNanos, long gatlingCpuNanos, long machineBusyNanos,
            Map<String, Long> serverThreads, long serverSysNanos, long redisCpuNanos, long[] eachServerCpuNanos,
            Map<String, Long> redisCalls) {}

    private static final long SELF = ProcessHandle.current().pid();

    private final int users;
    private final Duration barrierTimeout;
    private final Map<String, AtomicInteger> arrived = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicLong> firstArrival = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final Map<String, Mark> marks = new LinkedHashMap<>();
    final AtomicLong sent = new AtomicLong();

    private final Duration poll;

    Phase(int users, Duration barrierTimeout) {
        this(users, barrierTimeout, Duration.ofMillis(20));
    }

    /** {@code poll}: how often a waiting user checks a barrier (longer for thousands of users). */
    Phase(int users, Duration barrierTimeout, Duration poll) {
        this.users = users;
        this.barrierTimeout = barrierTimeout;
        this.poll = poll;
    }

    synchronized void mark(String name) {
        if (marks.containsKey(name)) {
            return;
        }
        marks.put(name, new Mark(System.nanoTime(), ProcessCpu.nanos(Bench.SERVER_PIDS),
                ProcessCpu.nanos(Bench.CASSANDRA_PID), ProcessCpu.nanos(SELF), ProcessCpu.machineBusyNanos(),
                ProcessCpu.byThreadGroup(Bench.SERVER_PIDS), ProcessCpu.sysNanos(Bench.SERVER_PIDS),
                ProcessCpu.nanos(Bench.REDIS_PID), ProcessCpu.each(Bench.SERVER_PIDS), RedisInfo.commandCalls(Bench.REDIS_PORT)));
    }

    synchronized Mark get(String name) {
        return marks.get(name);
    }

    private boolean open(String name) {
        if (arrived.get(name).get() >= users
                || System.nanoTime() - firstArrival.get(name).get() > barrierTimeout.toNanos()) {
            mark(name);
            return true;
        }
        return false;
    }

    /**
     * Arrive, then wait (polling every 20 ms) until all users arrived or the barrier timed out; the mark
     * {@code name} is taken when it opens.
     */
    ChainBuilder barrier(String name) {
        arrived.put(name, new AtomicInteger());
        firstArrival.put(name, new AtomicLong());
        return exec(session -> {
            firstArrival.get(name).compareAndSet(0, System.nanoTime());
            arrived.get(name).incrementAndGet();
            return session;
        }).asLongAs(session -> !open(name)).on(pause(poll));
    }

    ChainBuilder markAt(String name) {
        return exec(session -> {
            mark(name);
            return session;
        });
    }

    ChainBuilder doneSending() {
        return exec(session -> {
            if (finished.incrementAndGet() >= users) {
                mark("sendEnd");
            }
            return session;
        });
    }

    int arrivedUsers(String barrier) {
        AtomicInteger n = arrived.get(barrier);
        return n == null ? 0 : n.get();
    }

    /** CPU use between two marks; deliveries = frames delivered to recipient connections in that window. */
    List<String> cpuReport(String from, String to, long messages, long deliveries) {
        List<String> out = new ArrayList<>();
        Mark a = get(from);
        Mark b = get(to);
        if (a == null || b == null) {
            out.add("cpu " + from + " -> " + to + ": marks missing (" + marks.keySet() + ")");
            return out;
        }
        double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
        long server = a.serverCpuNanos() < 0 || b.serverCpuNanos() < 0 ? -1 : b.serverCpuNanos() - a.serverCpuNanos();
        long cassandra = a.cassandraCpuNanos() < 0 || b.cassandraCpuNanos() < 0 ? -1
                : b.cassandraCpuNanos() - a.cassandraCpuNanos();
        out.add(String.format(Locale.ROOT, "cpu %s -> %s: wall %.2fs, messages %d, deliveries %d", from, to, wall,
                messages, deliveries));
        long serverSys = b.serverSysNanos() - a.serverSysNanos();
        out.add(String.format(Locale.ROOT, "  server    cpu %.3fs (%.2f cores; user %.3fs + system %.3fs)%s%s", server / 1e9,
                server / 1e9 / wall, (server - serverSys) / 1e9, serverSys / 1e9, per(server, messages, deliveries),
                Bench.SERVER_PIDS.length > 1 ? " [" + Bench.SERVER_PIDS.length + " nodes added up]" : ""));
        if (Bench.SERVER_PIDS.length > 1) {
            StringBuilder nodes = new StringBuilder("  per node  cpu");
            for (int i = 0; i < Bench.SERVER_PIDS.length; i++) {
                long n = a.eachServerCpuNanos()[i] < 0 || b.eachServerCpuNanos()[i] < 0 ? -1
                        : b.eachServerCpuNanos()[i] - a.eachServerCpuNanos()[i];
                nodes.append(String.format(Locale.ROOT, " [node %d pid %d] %.3fs (%.2f cores)", i + 1, Bench.SERVER_PIDS[i],
                        n / 1e9, n / 1e9 / wall));
            }
            out.add(nodes.toString());
        }
        long redis = a.redisCpuNanos() < 0 || b.redisCpuNanos() < 0 ? -1 : b.redisCpuNanos() - a.redisCpuNanos();
        if (Bench.REDIS_PID > 0) {
            out.add(String.format(Locale.ROOT, "  redis     cpu %.3fs (%.2f cores)%s", redis / 1e9, redis / 1e9 / wall,
                    per(redis, messages, deliveries)));
        }
        if (Bench.REDIS_PORT > 0) {
            if (a.redisCalls().isEmpty() || b.redisCalls().isEmpty()) {
                out.add("  redis commands: INFO commandstats not readable on port " + Bench.REDIS_PORT);
            } else {
                StringBuilder cmds = new StringBuilder("  redis commands in the phase:");
                java.util.Set<String> names = new java.util.TreeSet<>(b.redisCalls().keySet());
                for (String cmd : names) {
                    long d = b.redisCalls().get(cmd) - a.redisCalls().getOrDefault(cmd, 0L);
                    if (d > 0) {
                        cmds.append(' ').append(cmd).append('=').append(d);
                    }
                }
                long publishes = b.redisCalls().getOrDefault("publish", 0L) - a.redisCalls().getOrDefault("publish", 0L)
                        + b.redisCalls().getOrDefault("spublish", 0L) - a.redisCalls().getOrDefault("spublish", 0L);
                out.add(cmds.toString());
                if (messages > 0) {
                    out.add(String.format(Locale.ROOT, "  redis publish+spublish %d for %d messages = %.3f per message",
                            publishes, messages, (double) publishes / messages));
                }
            }
        }
        out.add(String.format(Locale.ROOT, "  cassandra cpu %.3fs (%.2f cores)%s", cassandra / 1e9,
                cassandra / 1e9 / wall, per(cassandra, messages, deliveries)));
        long gatling = b.gatlingCpuNanos() - a.gatlingCpuNanos();
        long machine = b.machineBusyNanos() - a.machineBusyNanos();
        long others = machine - gatling - Math.max(0, server) - Math.max(0, cassandra) - Math.max(0, redis);
        out.add(String.format(Locale.ROOT, "  gatling   cpu %.3fs (%.2f cores); whole machine busy %.2f of %d cores, "
                        + "of which other processes %.2f cores", gatling / 1e9, gatling / 1e9 / wall, machine / 1e9 / wall,
                Runtime.getRuntime().availableProcessors(), others / 1e9 / wall));
        if (server > 0) {
            List<Map.Entry<String, Long>> threads = new ArrayList<>();
            b.serverThreads().forEach((name, nanos) -> threads.add(Map.entry(name,
                    nanos - a.serverThreads().getOrDefault(name, 0L))));
            threads.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            StringBuilder line = new StringBuilder("  server cpu by thread group:");
            for (Map.Entry<String, Long> t : threads) {
                if (t.getValue() > 0) {
                    line.append(String.format(Locale.ROOT, " [%s] %.2fs%s", t.getKey(), t.getValue() / 1e9,
                            messages > 0 ? String.format(Locale.ROOT, " (%.1f us/msg)", t.getValue() / 1e3 / messages) : ""));
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String per(long cpuNanos, long messages, long deliveries) {
        if (cpuNanos < 0 || messages <= 0) {
            return cpuNanos < 0 ? " (pid not given or unreadable)" : "";
        }
        String perMessage = String.format(Locale.ROOT, ", %.1f us/message", cpuNanos / 1e3 / messages);
        return deliveries <= 0 ? perMessage
                : perMessage + String.format(Locale.ROOT, ", %.2f us/delivery", cpuNanos / 1e3 / deliveries);
    }
}
