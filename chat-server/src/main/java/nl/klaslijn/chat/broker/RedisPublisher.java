package nl.klaslijn.chat.broker;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The connection that publishes, at most once. Its client has auto-reconnect off, so Lettuce never
 * replays a PUBLISH after a reconnect (with auto-reconnect on it would: at least once). A lost
 * connection is replaced in the background ({@link #ensureConnected()}); publishes meanwhile fail at
 * once with {@link BrokerUnavailableException}. A publish that times out while its connection stays up is
 * settled by {@link PublishConfirmation}: it succeeds once Redis answers a later PING on that connection,
 * so a slow Redis does not turn into failed publishes (and catch-ups on every node). Thread-safe.
 */
final class RedisPublisher implements AutoCloseable {

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisCodec<String, byte[]> codec;
    private final boolean sharded;
    private final int confirmationAttempts;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;
    /** The current connection with the confirmation of its timed-out publishes; read once per publish. */
    private volatile @Nullable Link link;
    private volatile boolean connected;
    private volatile boolean closed;

    private record Link(StatefulRedisConnection<String, byte[]> connection, PublishConfirmation confirmation) {}

    /** {@code confirmationAttempts}: how many PINGs in a row may time out before a timed-out publish fails. */
    RedisPublisher(RedisClient client, RedisURI uri, RedisCodec<String, byte[]> codec, boolean sharded,
            int confirmationAttempts, StatefulRedisConnection<String, byte[]> first) {
        this.client = client;
        this.uri = uri;
        this.codec = codec;
        this.sharded = sharded;
        this.confirmationAttempts = confirmationAttempts;
        adopt(first);
    }

    CompletionStage<Void> publish(String wireChannel, byte[] payload) {
        Link used = link;
        StatefulRedisConnection<String, byte[]> current = used == null ? null : used.connection();
        if (closed || used == null || current == null || !isUp(current)) {
            ensureConnected();
            return CompletableFuture.failedFuture(new BrokerUnavailableException("not connected to Redis"));
        }
        RedisAsyncCommands<String, byte[]> commands = current.async();
        CompletionStage<Long> sent = sharded ? commands.spublish(wireChannel, payload) : commands.publish(wireChannel, payload);
        return sent.handle((receivers, failure) -> failure).thenCompose(failure -> {
            if (failure == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            CompletableFuture<Void> settled = used.confirmation().canSettle(failure)
                    ? used.confirmation().settle(failure) : CompletableFuture.failedFuture(failure);
            return settled.handle((ok, error) -> {
                if (error != null) {
                    throw new BrokerUnavailableException("publish failed", error);
                }
                return null;
            });
        });
    }

    /** Starts replacing a lost connection, unless one is connected or already being made. */
    void ensureConnected() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (closed || (current != null && isUp(current)) || !connecting.compareAndSet(false, true)) {
            return;
        }
        client.connectAsync(codec, uri).whenComplete((fresh, failure) -> {
            connecting.set(false);
            if (failure == null) {
                StatefulRedisConnection<String, byte[]> old = connection;
                adopt(fresh);
                if (old != null) {
                    old.closeAsync();
                }
                if (closed) {
                    fresh.closeAsync();
                }
            }
        });
    }

    /** Both signals: the disconnect event (may be missed while adopting) and the connection's own state. */
    private boolean isUp(StatefulRedisConnection<String, byte[]> current) {
        return connected && current.isOpen();
    }

    private void adopt(StatefulRedisConnection<String, byte[]> fresh) {
        fresh.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                if (connection == fresh) {
                    connected = false;
                }
            }
        });
        connected = true;
        link = new Link(fresh, new PublishConfirmation(fresh, () -> connection == fresh && isUp(fresh),
                confirmationAttempts));
        connection = fresh;
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
