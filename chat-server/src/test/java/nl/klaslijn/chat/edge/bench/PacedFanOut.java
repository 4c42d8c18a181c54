package nl.klaslijn.chat.edge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The "fan-out" thread of the edge benchmarks: calls {@code message} with 0, 1, 2, ... at a fixed rate for a
 * number of seconds, on a thread of its own named {@value #THREAD_NAME}, and reports that thread's CPU.
 */
final class PacedFanOut {

    static final String THREAD_NAME = "fan-out";

    /** CPU nanoseconds the fan-out thread used, all of it and in user mode. */
    record Cpu(long total, long user) {}

    private PacedFanOut() {}

    /** Runs {@code seconds * perSecond} messages, paced; returns when the last has been handed over. */
    static Cpu run(int seconds, int perSecond, IntConsumer message) throws InterruptedException {
        long[] cpu = new long[2];
        Thread thread = new Thread(() -> {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpuStart = mx.getCurrentThreadCpuTime();
            long userStart = mx.getCurrentThreadUserTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            for (int m = 0; m < seconds * perSecond; m++) {
                message.accept(m);
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            cpu[0] = mx.getCurrentThreadCpuTime() - cpuStart;
            cpu[1] = mx.getCurrentThreadUserTime() - userStart;
        }, THREAD_NAME);
        thread.start();
        thread.join();
        return new Cpu(cpu[0], cpu[1]);
    }
}
