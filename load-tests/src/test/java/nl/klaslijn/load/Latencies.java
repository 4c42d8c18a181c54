package nl.klaslijn.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Microsecond-precision latency samples next to Gatling's own statistics (which are whole milliseconds).
 * Bounded: past {@code capacity} samples are counted as dropped, never stored.
 */
final class Latencies {

    private final String name;
    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    Latencies(String name, int capacity) {
        this.name = name;
        this.nanos = new long[capacity];
    }

    String name() {
        return name;
    }

    void record(long elapsedNanos) {
        int i = next.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = elapsedNanos;
        }
    }

    int count() {
        return Math.min(next.get(), nanos.length);
    }

    String summary() {
        int n = count();
        if (n == 0) {
            return String.format(Locale.ROOT, "%-44s n=0", name);
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "%-44s n=%d  p50=%s  p90=%s  p99=%s  p99.9=%s  max=%s  mean=%s%s",
                name, n, ms(pct(sorted, 50)), ms(pct(sorted, 90)), ms(pct(sorted, 99)), ms(pct(sorted, 99.9)),
                ms(sorted[n - 1]), ms((long) Arrays.stream(sorted).average().orElse(0)),
                next.get() > nanos.length ? "  (" + (next.get() - nanos.length) + " samples over capacity not kept)" : "");
    }

    private static long pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3fms", nanos / 1_000_000.0);
    }
}
