package nl.klaslijn.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** CPU time (user + system) a process has used so far, from /proc/PID/stat (Linux), in nanoseconds. */
final class ProcessCpu {

    /** USER_HZ: 100 on Linux x86-64 (getconf CLK_TCK). */
    static final long TICKS_PER_SECOND = Long.getLong("bench.clkTck", 100);

    private ProcessCpu() {}

    /** Busy CPU time of the whole machine (all cores, all processes) so far, from /proc/stat; -1 if unreadable. */
    static long machineBusyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time per thread group of a process: threads named alike (digits replaced by '#', names as the kernel
     * keeps them, 15 characters) are added up. Threads that ended in between are not seen. Empty if unreadable.
     */
    static Map<String, Long> byThreadGroup(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        if (pid <= 0) {
            return groups;
        }
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / TICKS_PER_SECOND);
                    groups.merge(name, nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // process gone
        }
        return groups;
    }

    /** System (kernel) CPU time of a process so far; -1 when pid is not set (0) or the process is gone. */
    static long sysNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sum of {@link #nanos(long)} over several processes; -1 if any is not set or gone. */
    static long nanos(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            long n = nanos(pid);
            if (n < 0) {
                return -1;
            }
            sum += n;
        }
        return sum;
    }

    /** Sum of {@link #sysNanos(long)} over several processes; -1 if any is not set or gone. */
    static long sysNanos(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            long n = sysNanos(pid);
            if (n < 0) {
                return -1;
            }
            sum += n;
        }
        return sum;
    }

    /** {@link #byThreadGroup(long)} of several processes, groups of the same name added up. */
    static Map<String, Long> byThreadGroup(long[] pids) {
        Map<String, Long> groups = new TreeMap<>();
        for (long pid : pids) {
            byThreadGroup(pid).forEach((name, nanos) -> groups.merge(name, nanos, Long::sum));
        }
        return groups;
    }

    /** Per-process CPU of several processes (each -1 if unreadable). */
    static long[] each(long[] pids) {
        long[] out = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            out[i] = nanos(pids[i]);
        }
        return out;
    }

    /** -1 when pid is not set (0) or the process is gone. */
    static long nanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start at field 3 (state).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]); // field 14
            long stime = Long.parseLong(f[12]); // field 15
            return (utime + stime) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
