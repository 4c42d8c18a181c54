package nl.klaslijn.chat.delivery;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.broker.Broker;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.MembershipListener;
import nl.klaslijn.chat.protocol.ViewMapper;
import nl.klaslijn.chat.messages.ChatMessage;
import nl.klaslijn.chat.messages.MessageFanout;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.revocation.Revocations;
import nl.klaslijn.chat.signals.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing: every event is encoded once and published once on its channel (a conversation's, a school's, or
 * the all-nodes channel), never once per recipient. While the broker is not live the event is dispatched to
 * this node's sessions directly (no other node would get it) and the other nodes are told later
 * ({@link PeerNotice}). A publish that fails while the broker looks live is not delivered anywhere (Redis may
 * still have taken it): once publishing works again every node, this one included, is told to catch up. A
 * sender's RECEIPT never waits for any of this.
 */
public final class LivePublisher implements MessageFanout, MembershipListener, Signals {

    private static final Logger log = LoggerFactory.getLogger(LivePublisher.class);

    private final Broker broker;
    private final LiveDispatcher dispatcher;
    private final PeerNotice peerNotice;
    private final Revocations revocations;

    LivePublisher(Broker broker, LiveDispatcher dispatcher, PeerNotice peerNotice, Revocations revocations) {
        this.broker = broker;
        this.dispatcher = dispatcher;
        this.peerNotice = peerNotice;
        this.revocations = revocations;
    }

    @Override
    public void stored(Conversation conversation, ChatMessage message) {
        byte[] body = Wire.encode(new Views.MessageEvent(ViewMapper.message(message)));
        publish(LiveChannels.conversation(conversation.id()), new LiveEvent(LiveEvent.Kind.MESSAGE,
                conversation.schoolId(), conversation.id(), message.senderId(), message.id(), body));
    }

    @Override
    public void changed(UUID school, UUID conversation, UUID user, boolean member) {
        byte[] body = Wire.encode(new LiveViews.MembershipEvent(conversation.toString(), member));
        publish(LiveChannels.school(school),
                new LiveEvent(LiveEvent.Kind.MEMBERSHIP, school, conversation, user, member ? 1 : 0, body));
    }

    @Override
    public void publish(Signals.Kind kind, UUID school, UUID conversation, UUID user, long value, Object body) {
        LiveEvent.Kind live = switch (kind) {
            case READ -> LiveEvent.Kind.READ;
            case DELIVERED -> LiveEvent.Kind.DELIVERED;
            case TYPING -> LiveEvent.Kind.TYPING;
            case PRESENCE -> LiveEvent.Kind.PRESENCE;
        };
        publish(LiveChannels.conversation(conversation),
                new LiveEvent(live, school, conversation, user, value, Wire.encode(body)));
    }

    @Override
    public void toOwnDevices(UUID school, UUID user, UUID conversation, String eventType, Object body) {
        publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.OWN_DEVICES, school, conversation, user, 0L,
                OwnDevicesHandler.body(eventType, Wire.encode(body))));
    }

    @Override
    public void settingsChanged(UUID school, UUID user) {
        publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.SETTINGS, school, LiveEvent.NONE, user, 0L,
                new byte[0]));
    }

    /** A school's settings changed: every node serving the school forgets its cached copy at once. */
    public void schoolSettingsChanged(UUID school) {
        publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.SETTINGS, school, LiveEvent.NONE,
                LiveEvent.NONE, 0L, new byte[0]));
    }

    /** Stores a revocation and closes the user's sessions at the school on every node. */
    public CompletionStage<Void> revoke(UUID school, UUID user, Instant notBefore) {
        return revocations.store(school, user, notBefore).thenRun(() -> publish(LiveChannels.ALL_NODES,
                new LiveEvent(LiveEvent.Kind.REVOCATION, school, LiveEvent.NONE, user, notBefore.toEpochMilli(),
                        new byte[0])));
    }

    /**
     * Stores the revocation of one session (device) of the user and closes that session's connections on
     * every node; the event's body is the session id (16 bytes), value the revocation time.
     */
    public CompletionStage<Void> revokeSession(UUID school, UUID user, UUID sessionId, Instant at) {
        return revocations.storeSession(school, user, sessionId, at).thenRun(() -> publish(LiveChannels.ALL_NODES,
                new LiveEvent(LiveEvent.Kind.REVOCATION, school, LiveEvent.NONE, user, at.toEpochMilli(),
                        LiveEvent.uuidBytes(sessionId))));
    }

    /** Tells every node that a node was lost: their sessions resync (the lost node may not have published). */
    public void nodeLost() {
        publish(LiveChannels.ALL_NODES, new LiveEvent(LiveEvent.Kind.NODE_LOST, LiveEvent.NONE, LiveEvent.NONE,
                LiveEvent.NONE, 0L, new byte[0]));
    }

    /**
     * Publishes one event, encoded once, on {@code channel} (one of {@link LiveChannels}); the handler
     * registered for its kind receives it on every node subscribed to the channel. Never blocks.
     */
    public void publish(String channel, LiveEvent event) {
        if (!broker.isLive()) {
            dispatcher.dispatch(event);
            peerNotice.deliveredLocallyOnly();
            return;
        }
        broker.publish(channel, event.encode()).whenComplete((ok, error) -> {
            if (error != null) {
                // The broker looked live but this publish may not have got through (e.g. the publishing connection
                // is being replaced). Not delivered here either (if Redis did take it, that would be twice): every
                // node, this one included, is told to catch up once publishing works again.
                log.debug("publishing a {} event failed; every node is told to catch up", event.kind(), error);
                peerNotice.publishFailed();
            }
        });
    }
}
