package nl.klaslijn.chat.broker;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Settles publishes that timed out on a connection that is still up. Redis answers the commands of one
 * connection in order, so once a PING sent on it after a publish was written is answered, Redis has taken
 * that publish: it completes normally (a slow Redis is not a lost message, and nobody needs to catch up).
 * A PING that times out too counts one attempt against each publish waiting on it; after
 * {@code attempts} of them, or as soon as the connection is lost or a PING fails otherwise, the publish
 * fails as it would have. One PING at a time per connection, however many publishes wait. Thread-safe.
 */
final class PublishConfirmation {

    private final StatefulRedisConnection<String, byte[]> connection;
    private final BooleanSupplier up;
    private final int attempts;
    private final Object lock = new Object();
    /** Guarded by lock: publishes that timed out and wait for a PING sent after they did. */
    private List<Waiting> waiting = new ArrayList<>();
    private boolean pinging;

    private record Waiting(CompletableFuture<Void> result, Throwable timeout, int attemptsLeft) {}

    PublishConfirmation(StatefulRedisConnection<String, byte[]> connection, BooleanSupplier up, int attempts) {
        this.connection = connection;
        this.up = up;
        this.attempts = attempts;
    }

    /** Whether {@code failure} is a timeout this class can settle (the connection is still up). */
    boolean canSettle(Throwable failure) {
        return unwrap(failure) instanceof RedisCommandTimeoutException && up.getAsBoolean();
    }

    /** A publish on this connection timed out: completes when Redis is known to have it, or fails with {@code timeout}. */
    CompletableFuture<Void> settle(Throwable timeout) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        synchronized (lock) {
            waiting.add(new Waiting(result, timeout, attempts));
        }
        pingIfIdle();
        return result;
    }

    private void pingIfIdle() {
        List<Waiting> round;
        synchronized (lock) {
            if (pinging || waiting.isEmpty()) {
                return;
            }
            pinging = true;
            round = waiting; // every one of these was written before the PING below
            waiting = new ArrayList<>();
        }
        connection.async().ping().whenComplete((pong, failure) -> {
            List<Waiting> again = new ArrayList<>();
            for (Waiting w : round) {
                if (failure == null) {
                    w.result().complete(null);
                } else if (canSettle(failure) && w.attemptsLeft() > 1) {
                    again.add(new Waiting(w.result(), w.timeout(), w.attemptsLeft() - 1));
                } else {
                    w.result().completeExceptionally(w.timeout());
                }
            }
            synchronized (lock) {
                pinging = false;
                again.addAll(waiting);
                waiting = again;
            }
            pingIfIdle();
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
