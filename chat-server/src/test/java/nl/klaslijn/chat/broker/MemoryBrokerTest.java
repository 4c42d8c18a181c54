package nl.klaslijn.chat.broker;

/** The broker contract on the in-memory engine; nodes share one {@link MemoryBus}. */
class MemoryBrokerTest extends BrokerContract {

    private final MemoryBus bus = new MemoryBus();

    @Override
    protected Broker newBroker(BrokerListener listener) {
        return new MemoryBroker(bus, listener);
    }
}
