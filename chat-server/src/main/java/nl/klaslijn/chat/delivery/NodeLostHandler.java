package nl.klaslijn.chat.delivery;

/** {@code NODE_LOST}: a node died, maybe with messages it stored and never published: every client resyncs. */
final class NodeLostHandler implements LiveEventHandler {

    private final BrokerRecovery recovery;

    NodeLostHandler(BrokerRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.NODE_LOST;
    }

    @Override
    public void handle(LiveEvent event) {
        recovery.resync(true, "node-lost");
    }
}
