package nl.klaslijn.chat.delivery;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import nl.klaslijn.chat.broker.Broker;
import nl.klaslijn.chat.broker.BrokerListener;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.core.DeliveryBatching;
import nl.klaslijn.chat.core.LiveRoutes;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.revocation.Revocations;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.sync.ConversationIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's end of the live fan-out, put together: the {@link LivePublisher} (each event encoded once and
 * published once on its channel), the {@link LiveDispatcher} with one {@link LiveEventHandler} per kind (what
 * the broker delivers, to the sessions here), and the {@link BrokerRecovery} (resync, {@code PEER_RESUMED},
 * catch-up) the broker's interruptions and resumptions go to. A new kind of event is a new handler passed to
 * {@link #register}.
 */
public final class LiveHub implements BrokerListener {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final Broker broker;
    private final LiveDispatcher dispatcher;
    private final LivePublisher publisher;
    private final BrokerRecovery recovery;
    private final Following following;

    /**
     * Creates the hub and its broker ({@code brokers} builds the engine with the hub as its listener),
     * registers the handlers of the chat's own kinds, and joins the all-nodes channel (waits for it: a node
     * must hear revocations before it serves). Resyncs reach the clients at most once per
     * {@code resyncMinInterval} and tell them to wait a random time below {@code resyncJitter} before they sync.
     */
    public LiveHub(LocalSessions sessions, Conversations conversations, ConversationIndex index, Revocations revocations,
            Preferences preferences, Executor blockingWork, DeliveryBatching batching,
            Function<BrokerListener, Broker> brokers, Duration resyncMinInterval, Duration resyncJitter) {
        this.dispatcher = new LiveDispatcher(batching);
        this.broker = brokers.apply(this);
        PeerNotice peerNotice = new PeerNotice(broker);
        LiveFrames frames = new LiveFrames();
        this.following = new Following(sessions, index, new ChannelRefs(broker));
        this.recovery = new BrokerRecovery(sessions, following, revocations, frames, peerNotice, blockingWork,
                resyncMinInterval, resyncJitter);
        this.publisher = new LivePublisher(broker, dispatcher, peerNotice, revocations);
        dispatcher.register(new MessageHandler(sessions, conversations, batching));
        dispatcher.register(new MembershipHandler(sessions, conversations, following, frames));
        dispatcher.register(new OwnDevicesHandler(sessions, frames));
        dispatcher.register(new SettingsHandler(preferences));
        dispatcher.register(new RevocationHandler(sessions, revocations));
        dispatcher.register(new NodeLostHandler(recovery));
        dispatcher.register(new PeerResumedHandler(recovery));
        dispatcher.register(FollowerSignalHandler.toAll(LiveEvent.Kind.READ, sessions, frames));
        dispatcher.register(FollowerSignalHandler.toAll(LiveEvent.Kind.DELIVERED, sessions, frames));
        dispatcher.register(FollowerSignalHandler.toAll(LiveEvent.Kind.PRESENCE, sessions, frames));
        dispatcher.register(FollowerSignalHandler.toOthers(LiveEvent.Kind.TYPING, sessions, frames));
        broker.subscribe(LiveChannels.ALL_NODES).toCompletableFuture().join();
    }

    /** Publishes the chat's events (messages, membership, signals, settings, revocations, lost nodes). */
    public LivePublisher publisher() {
        return publisher;
    }

    /** Registers the handler of a further kind of live event (one per kind). */
    public void register(LiveEventHandler handler) {
        dispatcher.register(handler);
    }

    /** How the core joins sessions to live events. */
    public LiveRoutes routes() {
        return following;
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void message(String channel, byte[] payload) {
        LiveEvent event;
        try {
            event = LiveEvent.decode(payload);
        } catch (IllegalArgumentException e) {
            log.warn("dropped a malformed live event on {}: {}", channel, e.getMessage());
            return;
        }
        dispatcher.dispatch(event);
    }

    /** Null only while the constructor runs: a broker that reports before it returned has nothing to recover yet. */
    @Override
    public void interrupted() {
        if (recovery != null) {
            recovery.interrupted();
        }
    }

    @Override
    public void resumed() {
        if (recovery != null) {
            recovery.resumed();
        }
    }
}
