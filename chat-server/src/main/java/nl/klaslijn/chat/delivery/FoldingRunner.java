package nl.klaslijn.chat.delivery;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on an executor one run at a time. Requests that arrive while a run is going are folded
 * into one more run after it, with the last request's argument: that run starts after every folded
 * request arrived, so it covers what each of them asked for. A run that throws is logged and does not
 * stop later runs.
 */
final class FoldingRunner<T> {

    private static final Logger log = LoggerFactory.getLogger(FoldingRunner.class);

    private final Executor executor;
    private final Consumer<T> task;
    private final Object lock = new Object();
    /** Guarded by lock: a run is going (or queued), and the argument of one more run after it (null: none). */
    private boolean running;
    private @Nullable T again;

    FoldingRunner(Executor executor, Consumer<T> task) {
        this.executor = executor;
        this.task = task;
    }

    void request(T argument) {
        synchronized (lock) {
            if (running) {
                again = argument;
                return;
            }
            running = true;
        }
        executor.execute(() -> runFrom(argument));
    }

    private void runFrom(T first) {
        T next = first;
        while (next != null) {
            try {
                task.accept(next);
            } catch (RuntimeException e) {
                log.warn("a run failed; later requests still run", e);
            }
            synchronized (lock) {
                next = again;
                again = null;
                running = next != null;
            }
        }
    }
}
