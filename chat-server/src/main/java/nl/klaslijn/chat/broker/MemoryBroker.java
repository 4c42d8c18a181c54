package nl.klaslijn.chat.broker;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory engine: one node (the embedded default), or several simulated nodes sharing a
 * {@link MemoryBus}. Delivery happens on the publisher's thread before {@link #publish} returns, so it
 * never loses a message and is never interrupted. After {@link #close()} publishes fail with {@link
 * BrokerUnavailableException} and nothing more is delivered.
 */
public final class MemoryBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(MemoryBroker.class);

    private final MemoryBus bus;
    private final BrokerListener listener;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A single node with its own bus. */
    public MemoryBroker(BrokerListener listener) {
        this(new MemoryBus(), listener);
    }

    /** A node on {@code bus}, shared with the other nodes it should reach. */
    public MemoryBroker(MemoryBus bus, BrokerListener listener) {
        this.bus = Objects.requireNonNull(bus);
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    public CompletionStage<Void> publish(String channel, byte[] payload) {
        Channels.check(channel);
        Objects.requireNonNull(payload);
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("broker closed"));
        }
        bus.send(channel, payload);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> subscribe(String channel) {
        Channels.check(channel);
        if (!closed && channels.add(channel)) {
            bus.add(channel, this);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> unsubscribe(String channel) {
        Channels.check(channel);
        if (channels.remove(channel)) {
            bus.remove(channel, this);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isLive() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        for (String channel : channels) {
            unsubscribe(channel);
        }
    }

    void deliver(String channel, byte[] payload) {
        if (closed || !channels.contains(channel)) {
            return;
        }
        try {
            listener.message(channel, payload);
        } catch (RuntimeException e) {
            log.warn("Broker listener failed on a message; dropped", e);
        }
    }
}
