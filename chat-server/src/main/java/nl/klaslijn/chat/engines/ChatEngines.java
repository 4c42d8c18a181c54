package nl.klaslijn.chat.engines;

import java.util.function.Function;
import nl.klaslijn.chat.broker.Broker;
import nl.klaslijn.chat.broker.BrokerListener;
import nl.klaslijn.chat.broker.BrokerSettings;
import nl.klaslijn.chat.broker.Brokers;
import nl.klaslijn.chat.presence.MemoryPresence;
import nl.klaslijn.chat.presence.PresenceEngine;
import nl.klaslijn.chat.presence.RedisPresence;

/**
 * The one place that builds a node's engines from {@link EngineSettings}: the broker (live fan-out between nodes)
 * and the presence engine, both in memory for a single node or both on Redis for a cluster. The composition root
 * asks here instead of choosing itself.
 *
 * <p>Slot for later: the notification job queue ({@code nl.klaslijn.common.jobs.JobQueue}: an in-memory engine for
 * one node, Redis Streams for a cluster) is to be built here too, from the same choice, with a
 * {@code jobQueue()} next to {@link #presence()}; chat-server does not use it yet.
 */
public final class ChatEngines {

    private final EngineSettings settings;

    public ChatEngines(EngineSettings settings) {
        this.settings = settings;
    }

    /**
     * Builds the broker, delivering to the listener it is given (the live hub passes itself). For Redis this
     * connects at once and throws {@code BrokerUnavailableException} if Redis cannot be reached.
     */
    public Function<BrokerListener, Broker> brokers() {
        return listener -> Brokers.create(settings.broker(), listener);
    }

    /** A started presence engine of the configured kind; the caller closes it. For Redis this connects at once. */
    public PresenceEngine presence() {
        BrokerSettings link = settings.broker();
        return switch (link.engine()) {
            case MEMORY -> new MemoryPresence();
            case REDIS -> RedisPresence.connect(link.redisUri(), link.channelPrefix(), settings.nodeId(),
                    settings.presenceNodeTimeout(), link.commandTimeout(), link.requestQueueSize());
        };
    }
}
