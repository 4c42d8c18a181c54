package nl.klaslijn.chat.delivery;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import nl.klaslijn.chat.broker.Broker;
import nl.klaslijn.chat.broker.BrokerListener;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.conversations.MembershipListener;
import nl.klaslijn.chat.core.DeliveryBatching;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.LiveRoutes;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.messages.ChatMessage;
import nl.klaslijn.chat.messages.MessageFanout;
import nl.klaslijn.chat.protocol.LiveViews;
import nl.klaslijn.chat.protocol.ViewMapper;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.chat.revocation.Revocations;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.signals.Signals;
import nl.klaslijn.chat.sync.ConversationIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's end of the live fan-out. Publishing: every event is encoded once and published once on
 * its channel (a conversation's, a school's, or the all-nodes channel), never once per recipient.
 * Receiving: each event the broker delivers is dispatched to the sessions on this node that follow it.
 *
 * <p>While the broker is not live, events are dispatched to this node's sessions directly (no remote
 * node would get them), and every session has been told to resync; when it is live again, every session
 * is told to resync once more and live delivery goes on. If this node dispatched anything locally only in
 * the meantime, it also tells the other nodes ({@code PEER_RESUMED}): those that were live all along never
 * saw those events, so they re-read what their sessions follow and tell them to resync too. A publish that
 * fails while the broker looks live is not delivered anywhere (Redis may still have taken it): once
 * publishing works again every node, this one included, is told to catch up. A sender's RECEIPT never
 * waits for any of this.
 */
public final class LiveHub implements BrokerListener, MessageFanout, MembershipListener, Signals {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
    private static final int REFOLLOW_BATCH = 500;

    private final LocalSessions sessions;
    private final Conversations conversations;
    private final Revocations revocations;
    private final Preferences preferences;
    private final AtomicLong eventIds = new AtomicLong();
    /** One catch-up at a time; the PEER_RESUMED of many nodes after a Redis restart fold into one more. */
    private final FoldingRunner<String> catchUps;
    /** At most one resync per interval reaches the clients; one asked for sooner is sent at its end, never dropped. */
    private final ResyncPacer<Resync> resyncs;
    /** The jitterMs every resync carries: clients wait a random time below it before they sync. */
    private final long resyncJitterMillis;
    private final Broker broker;
    /** Events the other nodes never saw: told to them once the broker is live. */
    private final PeerNotice peerNotice;
    private final Following following;
    private final DeliveryBatching batching;

    /** One resync the clients are to be told: whether live delivery works, and why they should sync. */
    private record Resync(boolean live, String reason) {}

    /**
     * Creates the hub and its broker ({@code brokers} builds the engine with the hub as its listener),
     * and joins the all-nodes channel (waits for it: a node must hear revocations before it serves).
     * Resyncs reach the clients at most once per {@code resyncMinInterval} and tell them to wait a random
     * time below {@code resyncJitter} before they sync.
     */
    public LiveHub(LocalSessions sessions, Conversations conversations, ConversationIndex index, Revocations revocations,
            Preferences preferences, Executor blockingWork, DeliveryBatching batching,
            Function<BrokerListener, Broker> brokers, java.time.Duration resyncMinInterval,
            java.time.Duration resyncJitter) {
        this.sessions = sessions;
        this.batching = batching;
        this.preferences = preferences;
        this.conversations = conversations;
        this.revocations = revocations;
        this.catchUps = new FoldingRunner<>(blockingWork, this::catchUp);
        this.resyncs = new ResyncPacer<>(resyncMinInterval, blockingWork, this::sendResync);
        this.resyncJitterMillis = resyncJitter.toMillis();
        this.broker = brokers.apply(this);
        this.peerNotice = new PeerNotice(broker);
        this.following = new Following(sessions, index, new ChannelRefs(broker));
        broker.subscribe(LiveChannels.ALL_NODES).toCompletableFuture().join();
    }

    /** How the core joins sessions to live events. */
    public LiveRoutes routes() {
        return following;
    }

    public Broker broker() {
        return broker;
    }

    // ---- publishing ---------------------------------------------------------------------------

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
        byte[] type = eventType.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] json = Wire.encode(body);
        byte[] payload = new byte[1 + type.length + json.length];
        payload[0] = (byte) type.length;
        System.arraycopy(type, 0, payload, 1, type.length);
        System.arraycopy(json, 0, payload, 1 + type.length, json.length);
        publish(LiveChannels.school(school), new LiveEvent(LiveEvent.Kind.OWN_DEVICES, school, conversation, user, 0L,
                payload));
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
                new LiveEvent(LiveEvent.Kind.REVOCATION, school, LiveEvent.NONE, user, notBefore.toEpochMilli(), new byte[0])));
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

    private void publish(String channel, LiveEvent event) {
        if (!broker.isLive()) {
            dispatch(event);
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

    // ---- receiving ----------------------------------------------------------------------------

    @Override
    public void message(String channel, byte[] payload) {
        LiveEvent event;
        try {
            event = LiveEvent.decode(payload);
        } catch (IllegalArgumentException e) {
            log.warn("dropped a malformed live event on {}: {}", channel, e.getMessage());
            return;
        }
        dispatch(event);
    }

    @Override
    public void interrupted() {
        log.warn("live delivery between nodes interrupted; clients on this node are told to resync");
        resyncAll(false, "live-interrupted");
    }

    /**
     * Live again. Membership events published while the broker was down did not reach other nodes, so
     * every session here first re-reads which conversations it follows (in batches, so the reads do not
     * all hit Cassandra at once), then every session is told to resync. If this node dispatched events
     * locally only meanwhile, the other nodes are told to do the same ({@code PEER_RESUMED}).
     */
    @Override
    public void resumed() {
        catchUps.request("live-resumed");
        peerNotice.send();
    }

    /** Revocations, followed conversations and every session's view may be stale: reload, refollow, resync. */
    private void catchUp(String reason) {
        try {
            revocations.reload();
        } catch (RuntimeException e) {
            log.warn("reloading revocations after missed live events failed", e);
        }
        refollowAll();
        log.info("clients on this node are told to resync ({})", reason);
        resyncAll(true, reason);
    }

    private void refollowAll() {
        java.util.List<CompletableFuture<Void>> batch = new java.util.ArrayList<>();
        sessions.forEach(session -> {
            if (session.eventsSubscription() != null) {
                batch.add(following.follow(session).toCompletableFuture());
            }
            if (batch.size() == REFOLLOW_BATCH) {
                awaitQuietly(batch);
            }
        });
        awaitQuietly(batch);
    }

    private static void awaitQuietly(java.util.List<CompletableFuture<Void>> batch) {
        try {
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("re-reading followed conversations after the broker came back did not finish for all sessions", e);
        }
        batch.clear();
    }

    /** One event to this node's sessions; its frames reach the transport as one batch. */
    private void dispatch(LiveEvent event) {
        batching.deliverAll(() -> dispatchNow(event));
    }

    private void dispatchNow(LiveEvent event) {
        switch (event.kind()) {
            case MESSAGE -> dispatchMessage(event);
            case MEMBERSHIP -> dispatchMembership(event);
            case OWN_DEVICES -> dispatchToOwnDevices(event);
            case SETTINGS -> {
                if (event.user().equals(LiveEvent.NONE)) {
                    preferences.forgetSchool(event.school());
                } else {
                    preferences.forgetUser(event.school(), event.user());
                }
            }
            case REVOCATION -> dispatchRevocation(event);
            case NODE_LOST -> resyncAll(true, "node-lost");
            case PEER_RESUMED -> {
                if (peerNotice.concernsThisNode(event)) {
                    catchUps.request("peer-resumed");
                }
            }
            case READ, DELIVERED, PRESENCE -> toFollowers(event, null);
            case TYPING -> toFollowers(event, event.user());
        }
    }

    private void dispatchMessage(LiveEvent event) {
        CompletableFuture<Optional<Conversation>> found =
                conversations.find(event.school(), event.conversation()).toCompletableFuture();
        Optional<Conversation> now = found.getNow(null);
        if (now != null) {
            deliverMessage(event, now);
        } else {
            found.thenAccept(c -> batching.deliverAll(() -> deliverMessage(event, c)));
        }
    }

    /** To every following session whose user is (still) a member, and to the conversation's topic subscribers. */
    private void deliverMessage(LiveEvent event, Optional<Conversation> found) {
        if (found.isEmpty()) {
            return;
        }
        Conversation conversation = found.get();
        String messageId = Long.toString(event.value());
        String conversationId = event.conversation().toString();
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, messageId, event.body(),
                "event-type", "message", "conversation-id", conversationId);
        sessions.forEachFollower(event.conversation(), session -> {
            if (conversation.roleOf(session.userId()) != null) {
                session.deliverEvent(frame);
            }
        });
        if (sessions.hasTopicSubscribers(event.conversation())) {
            ServerFrame topic = ServerFrame.message(Destination.CONVERSATION_PREFIX + conversationId, messageId,
                    event.body(), "event-type", "message", "conversation-id", conversationId);
            sessions.forEachOnTopic(event.conversation(), session -> {
                String subscription = session.topicSubscription(event.conversation());
                if (subscription != null && conversation.roleOf(session.userId()) != null) {
                    session.connection().deliver(subscription, topic);
                }
            });
        }
    }

    private void dispatchMembership(LiveEvent event) {
        conversations.invalidate(event.school(), event.conversation());
        boolean added = event.value() == 1;
        ServerFrame frame = eventFrame("membership", event);
        sessions.forEachOfUser(event.user(), session -> {
            if (!session.schoolId().equals(event.school())) {
                return;
            }
            if (added) {
                if (session.eventsSubscription() != null) {
                    following.followOne(session, event.conversation());
                }
            } else {
                following.unfollowOne(session, event.conversation());
                session.dropTopic(event.conversation());
            }
            session.deliverEvent(frame);
        });
    }

    /** Body: one byte with the length of the event type, the type (UTF-8), then the JSON body. */
    private void dispatchToOwnDevices(LiveEvent event) {
        byte[] payload = event.body();
        int typeLength = payload[0];
        String type = new String(payload, 1, typeLength, java.nio.charset.StandardCharsets.UTF_8);
        byte[] json = java.util.Arrays.copyOfRange(payload, 1 + typeLength, payload.length);
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, nextEventId(), json,
                "event-type", type, "conversation-id", event.conversation().toString());
        sessions.forEachOfUser(event.user(), session -> {
            if (session.schoolId().equals(event.school())) {
                session.deliverEvent(frame);
            }
        });
    }

    /** An empty body revokes every session of the user at the school; a 16-byte body names one session. */
    private void dispatchRevocation(LiveEvent event) {
        if (event.body().length == 16) {
            revocations.rememberSession(event.school(), event.user(), LiveEvent.uuidOf(event.body()),
                    Instant.ofEpochMilli(event.value()));
        } else {
            revocations.remember(event.school(), event.user(), Instant.ofEpochMilli(event.value()));
        }
        sessions.forEachOfUser(event.user(), session -> {
            if (revocations.isRevoked(session.connection().principal())) {
                session.connection().close(ErrorCode.SESSION_REVOKED, "this session was ended; log in again");
            }
        });
    }

    private void toFollowers(LiveEvent event, @Nullable UUID except) {
        ServerFrame frame = eventFrame(event.kind().name().toLowerCase(java.util.Locale.ROOT), event);
        sessions.forEachFollower(event.conversation(), session -> {
            if (except == null || !except.equals(session.userId())) {
                session.deliverEvent(frame);
            }
        });
    }

    private void resyncAll(boolean live, String reason) {
        resyncs.request(new Resync(live, reason));
    }

    private void sendResync(Resync resync) {
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, nextEventId(),
                Wire.encode(new LiveViews.ResyncEvent(resync.live(), resync.reason(), resyncJitterMillis)),
                "event-type", "resync");
        sessions.forEach(session -> session.deliverEvent(frame));
    }

    private ServerFrame eventFrame(String type, LiveEvent event) {
        return ServerFrame.message(Destination.USER_EVENTS, nextEventId(), event.body(),
                "event-type", type, "conversation-id", event.conversation().toString());
    }

    private String nextEventId() {
        return "e-" + eventIds.incrementAndGet();
    }

}
