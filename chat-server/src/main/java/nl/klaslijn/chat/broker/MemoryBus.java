package nl.klaslijn.chat.broker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The medium that {@link MemoryBroker}s in one JVM share: a single node has its own; tests that
 * simulate several nodes give them one bus. Thread-safe.
 */
public final class MemoryBus {

    private final ConcurrentHashMap<String, Set<MemoryBroker>> subscribers = new ConcurrentHashMap<>();

    void add(String channel, MemoryBroker broker) {
        subscribers.computeIfAbsent(channel, ignored -> ConcurrentHashMap.newKeySet()).add(broker);
    }

    void remove(String channel, MemoryBroker broker) {
        subscribers.computeIfPresent(channel, (ignored, brokers) -> {
            brokers.remove(broker);
            return brokers.isEmpty() ? null : brokers;
        });
    }

    /** Delivers on the calling thread to every broker subscribed now; each gets its own copy. */
    void send(String channel, byte[] payload) {
        Set<MemoryBroker> brokers = subscribers.get(channel);
        if (brokers != null) {
            for (MemoryBroker broker : brokers) {
                broker.deliver(channel, payload.clone());
            }
        }
    }
}
