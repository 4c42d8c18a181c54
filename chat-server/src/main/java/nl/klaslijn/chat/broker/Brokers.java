package nl.klaslijn.chat.broker;

/** Builds the broker {@link BrokerSettings} chose: the single place that knows the engines. */
public final class Brokers {

    private Brokers() {}

    /**
     * A started broker delivering to {@code listener}. For Redis this connects now and throws {@link
     * BrokerUnavailableException} if Redis cannot be reached (a node should not start half-connected).
     */
    public static Broker create(BrokerSettings settings, BrokerListener listener) {
        return switch (settings.engine()) {
            case MEMORY -> new MemoryBroker(listener);
            case REDIS -> RedisBroker.connect(settings, listener);
        };
    }
}
