package nl.klaslijn.chat.edge;

import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.chat.protocol.ErrorCode;

/** The {@link ConnectionTimer} of each event loop, created on first use. Thread-safe. */
final class ConnectionTimers {

    private final ConcurrentHashMap<EventLoop, ConnectionTimer> timers = new ConcurrentHashMap<>();
    private final long tickMillis;
    private final long idleTimeoutMillis;

    private final Clock clock;

    ConnectionTimers(EdgeSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the wall clock token expiry is checked against */
    ConnectionTimers(EdgeSettings settings, Clock clock) {
        this.tickMillis = settings.timerTick().toMillis();
        this.idleTimeoutMillis = settings.idleTimeout().toMillis();
        this.clock = clock;
    }

    ConnectionTimer forLoop(EventLoop loop) {
        return timers.computeIfAbsent(loop, l -> {
            ConnectionTimer timer = new ConnectionTimer(l, tickMillis, idleTimeoutMillis, clock);
            timer.start();
            return timer;
        });
    }

    /** Authenticated connections still registered, over all loops (racy snapshot). */
    int connectionCount() {
        int n = 0;
        for (ConnectionTimer t : timers.values()) {
            n += t.size();
        }
        return n;
    }

    void closeAll(ErrorCode code, String message) {
        for (ConnectionTimer t : timers.values()) {
            t.loop().execute(() -> t.closeAll(code, message));
        }
    }

    void stop() {
        timers.values().forEach(ConnectionTimer::stop);
    }
}
