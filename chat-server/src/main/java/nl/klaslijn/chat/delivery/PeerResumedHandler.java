package nl.klaslijn.chat.delivery;

/**
 * {@code PEER_RESUMED}: another node delivered events to its own sessions only while its broker link was
 * down; unless the notice is this node's own for the others only, this node catches up ({@link BrokerRecovery}).
 */
final class PeerResumedHandler implements LiveEventHandler {

    private final BrokerRecovery recovery;

    PeerResumedHandler(BrokerRecovery recovery) {
        this.recovery = recovery;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.PEER_RESUMED;
    }

    @Override
    public void handle(LiveEvent event) {
        recovery.peerResumed(event);
    }
}
