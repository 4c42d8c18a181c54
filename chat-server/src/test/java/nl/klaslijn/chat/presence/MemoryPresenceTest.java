package nl.klaslijn.chat.presence;

class MemoryPresenceTest extends PresenceEngineContract {

    @Override
    protected PresenceEngine newEngine() {
        return new MemoryPresence();
    }
}
