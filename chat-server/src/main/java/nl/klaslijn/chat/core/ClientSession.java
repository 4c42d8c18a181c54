package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import nl.klaslijn.chat.presence.PresenceState;
import nl.klaslijn.chat.protocol.RequestException;
import org.jspecify.annotations.Nullable;

/**
 * One connection's state in the core: its subscriptions, and the handling of its SUBSCRIBE, UNSUBSCRIBE
 * and SEND frames.
 *
 * <p>Kept small on purpose (an idle connection must cost a few hundred bytes here): the two per-user
 * subscriptions are plain fields, conversation topics a tiny array. Frames arrive on the connection's
 * transport thread; deliveries read the volatile fields from any thread.
 */
public final class ClientSession implements SessionHandler {

    static final int MAX_TOPIC_SUBSCRIPTIONS = 16;

    private final Connection connection;
    private final ChatNode node;
    private volatile @Nullable String eventsSubscription;
    private volatile @Nullable String repliesSubscription;
    /** Pairs of (subscription id, conversation id), null until the first topic subscription. */
    private volatile Object @Nullable [] topics;
    private final AtomicLong replies = new AtomicLong();
    /** Requests whose RECEIPT or reply is pending (asynchronous work started by {@link #whenDone}). */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** The conversations this session follows for its events subscription; owned by {@link LiveRoutes}. */
    private volatile UUID[] following = NO_CONVERSATIONS;
    private volatile boolean closed;
    /** This device's presence: online until it says it is away. Changed on the transport thread only. */
    private volatile PresenceState presence = PresenceState.ONLINE;
    /** Typing throttle: the conversation and time (ms) of the last typing event this connection sent. */
    private @Nullable UUID typedIn;
    private long typedAt;

    private static final UUID[] NO_CONVERSATIONS = new UUID[0];

    ClientSession(Connection connection, ChatNode node) {
        this.connection = connection;
        this.node = node;
    }

    public Connection connection() {
        return connection;
    }

    public UUID userId() {
        return connection.principal().userId();
    }

    public UUID schoolId() {
        return connection.principal().schoolId();
    }

    /** Whether the session has closed (its connection is gone); routes check it after asynchronous steps. */
    public boolean isClosed() {
        return closed;
    }

    /** The conversations this session follows (a snapshot). */
    public UUID[] following() {
        return following;
    }

    /** Records that the session follows the conversation; false if it already did. */
    public synchronized boolean startFollowing(UUID conversation) {
        UUID[] current = following;
        for (UUID c : current) {
            if (c.equals(conversation)) {
                return false;
            }
        }
        UUID[] next = java.util.Arrays.copyOf(current, current.length + 1);
        next[current.length] = conversation;
        following = next;
        return true;
    }

    /** Records that the session no longer follows the conversation; false if it did not. */
    public synchronized boolean stopFollowing(UUID conversation) {
        UUID[] current = following;
        for (int i = 0; i < current.length; i++) {
            if (current[i].equals(conversation)) {
                UUID[] next = new UUID[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                following = next.length == 0 ? NO_CONVERSATIONS : next;
                return true;
            }
        }
        return false;
    }

    /** Sets this device's presence state and returns the previous one. */
    PresenceState swapPresence(PresenceState next) {
        PresenceState before = presence;
        presence = next;
        return before;
    }

    PresenceState presence() {
        return presence;
    }

    /** Whether a typing event for the conversation may go out now (one per interval per conversation). */
    synchronized boolean mayType(UUID conversation, long nowMillis, long intervalMillis) {
        if (conversation.equals(typedIn) && nowMillis - typedAt < intervalMillis) {
            return false;
        }
        typedIn = conversation;
        typedAt = nowMillis;
        return true;
    }

    /** Sends an event on /user/events, if the session subscribed to it. */
    public void deliverEvent(ServerFrame frame) {
        String subscription = eventsSubscription;
        if (subscription != null) {
            connection.deliver(subscription, frame);
        }
    }

    /**
     * Ends the session's subscription to a conversation's topic without the client asking (it left the
     * conversation). The client learns it from the membership event.
     */
    public void dropTopic(UUID conversation) {
        String id = topicSubscription(conversation);
        if (id != null && removeTopic(id)) {
            node.routes().unfollowTopic(this, conversation);
        }
    }

    /** The subscription id of /user/events on this connection, or null. */
    public @Nullable String eventsSubscription() {
        return eventsSubscription;
    }

    /** The subscription id of the conversation's topic on this connection, or null. */
    public @Nullable String topicSubscription(UUID conversation) {
        Object[] current = topics;
        if (current != null) {
            for (int i = 0; i < current.length; i += 2) {
                if (conversation.equals(current[i + 1])) {
                    return (String) current[i];
                }
            }
        }
        return null;
    }

    /**
     * Handles one frame. While {@link SessionLimits#maxInFlight()} earlier requests still wait for their
     * RECEIPT or reply, the frame is refused with {@code too-many-in-flight} (which closes the connection).
     */
    @Override
    public void onFrame(ClientFrame frame) {
        int max = node.limits().maxInFlight();
        if (inFlight.get() >= max) {
            fail(new RequestException(ErrorCode.TOO_MANY_IN_FLIGHT, "more than " + max
                    + " requests waiting for their RECEIPT or reply; wait for them before sending more"),
                    frame.header("receipt"));
            return;
        }
        try {
            switch (frame.command()) {
                case SUBSCRIBE -> subscribe(frame);
                case UNSUBSCRIBE -> unsubscribe(frame);
                case SEND -> send(frame);
                default -> throw new RequestException(ErrorCode.UNSUPPORTED_COMMAND,
                        frame.command() + " is not handled here");
            }
        } catch (RequestException e) {
            fail(e, frame.header("receipt"));
        }
    }

    @Override
    public void onClose() {
        closed = true;
        node.routes().closed(this);
        node.presence().disconnected(schoolId(), userId(), presence);
        node.sessions().remove(this);
        Object[] current = topics;
        if (current != null) {
            for (int i = 0; i < current.length; i += 2) {
                node.sessions().removeTopic((UUID) current[i + 1], this);
            }
        }
    }

    private void subscribe(ClientFrame frame) {
        String id = required(frame, "id");
        Destination destination = Destination.forSubscribe(required(frame, "destination"));
        if (isSubscribed(id)) {
            throw new RequestException(ErrorCode.DUPLICATE_SUBSCRIPTION, "subscription id " + id + " is in use");
        }
        String receipt = frame.header("receipt");
        if (destination instanceof Destination.UserEvents) {
            requireFree(eventsSubscription, Destination.USER_EVENTS);
            eventsSubscription = id;
            whenDone(node.routes().follow(this), receipt, done -> receipt(receipt));
        } else if (destination instanceof Destination.UserReplies) {
            requireFree(repliesSubscription, Destination.USER_REPLIES);
            repliesSubscription = id;
            receipt(receipt);
        } else if (destination instanceof Destination.ConversationTopic topic) {
            subscribeTopic(id, topic.conversationId(), receipt);
        } else {
            throw new IllegalStateException("not a subscription destination: " + destination);
        }
    }

    private void subscribeTopic(String id, UUID conversation, @Nullable String receipt) {
        if (topicSubscription(conversation) != null) {
            throw new RequestException(ErrorCode.DUPLICATE_SUBSCRIPTION, "already subscribed to this conversation");
        }
        Object[] current = topics;
        if (current != null && current.length / 2 >= MAX_TOPIC_SUBSCRIPTIONS) {
            throw new RequestException(ErrorCode.TOO_MANY_SUBSCRIPTIONS,
                    "at most " + MAX_TOPIC_SUBSCRIPTIONS + " conversation subscriptions per connection");
        }
        whenDone(node.access().requireRead(connection.principal(), conversation)
                .thenCompose(c -> {
                    addTopic(id, conversation);
                    return node.routes().followTopic(this, conversation);
                }), receipt, done -> receipt(receipt));
    }

    private synchronized void addTopic(String id, UUID conversation) {
        Object[] current = topics;
        int length = current == null ? 0 : current.length;
        Object[] next = new Object[length + 2];
        if (current != null) {
            System.arraycopy(current, 0, next, 0, length);
        }
        next[length] = id;
        next[length + 1] = conversation;
        topics = next;
        node.sessions().addTopic(conversation, this);
    }

    private void unsubscribe(ClientFrame frame) {
        String id = required(frame, "id");
        UUID topic = topicOf(id);
        if (id.equals(eventsSubscription)) {
            eventsSubscription = null;
            node.routes().unfollow(this);
        } else if (id.equals(repliesSubscription)) {
            repliesSubscription = null;
        } else if (topic != null && removeTopic(id)) {
            node.routes().unfollowTopic(this, topic);
        } else {
            throw new RequestException(ErrorCode.NOT_FOUND, "no subscription with id " + id);
        }
        receipt(frame.header("receipt"));
    }

    private @Nullable UUID topicOf(String id) {
        Object[] current = topics;
        if (current != null) {
            for (int i = 0; i < current.length; i += 2) {
                if (id.equals(current[i])) {
                    return (UUID) current[i + 1];
                }
            }
        }
        return null;
    }

    /** The conversations whose topics this session subscribed to (a snapshot). */
    public java.util.List<UUID> topics() {
        Object[] current = topics;
        java.util.List<UUID> out = new java.util.ArrayList<>();
        if (current != null) {
            for (int i = 0; i < current.length; i += 2) {
                out.add((UUID) current[i + 1]);
            }
        }
        return out;
    }

    private synchronized boolean removeTopic(String id) {
        Object[] current = topics;
        if (current == null) {
            return false;
        }
        for (int i = 0; i < current.length; i += 2) {
            if (id.equals(current[i])) {
                UUID conversation = (UUID) current[i + 1];
                Object[] next = new Object[current.length - 2];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 2, next, i, current.length - i - 2);
                topics = next.length == 0 ? null : next;
                node.sessions().removeTopic(conversation, this);
                return true;
            }
        }
        return false;
    }

    private void send(ClientFrame frame) {
        Destination destination = Destination.forSend(required(frame, "destination"));
        String receipt = frame.header("receipt");
        node.requests().handle(this, destination, frame, receipt);
    }

    /** Sends a reply MESSAGE on /user/replies, echoing the request's correlation-id. */
    void reply(String type, byte[] body, @Nullable String correlationId) {
        String subscription = repliesSubscription;
        if (subscription == null) {
            fail(new RequestException(ErrorCode.NO_REPLY_SUBSCRIPTION,
                    "subscribe to " + Destination.USER_REPLIES + " before sending requests"), null);
            return;
        }
        String messageId = "r-" + connection.id() + "-" + replies.incrementAndGet();
        ServerFrame frame = correlationId == null
                ? ServerFrame.message(Destination.USER_REPLIES, messageId, body, "event-type", type)
                : ServerFrame.message(Destination.USER_REPLIES, messageId, body, "event-type", type,
                        "correlation-id", correlationId);
        connection.deliver(subscription, frame);
    }

    boolean hasReplySubscription() {
        return repliesSubscription != null;
    }

    void receipt(@Nullable String receiptId, String... headers) {
        if (receiptId != null) {
            connection.send(ServerFrame.receipt(receiptId, headers));
        }
    }

    void fail(RequestException e, @Nullable String receiptId) {
        connection.close(e.code(), e.getMessage(), receiptId);
    }

    /** Runs {@code then} when {@code stage} succeeds; maps a failure to an ERROR frame. */
    <T> void whenDone(CompletionStage<T> stage, @Nullable String receiptId, java.util.function.Consumer<T> then) {
        inFlight.incrementAndGet();
        stage.whenComplete((value, error) -> {
            inFlight.decrementAndGet();
            if (error != null) {
                fail(Failures.toRequestException(error), receiptId);
            } else {
                try {
                    then.accept(value);
                } catch (RequestException e) {
                    fail(e, receiptId);
                } catch (RuntimeException e) {
                    fail(Failures.toRequestException(e), receiptId);
                }
            }
        });
    }

    /** Requests of this connection still waiting for their RECEIPT or reply. */
    int inFlight() {
        return inFlight.get();
    }

    private boolean isSubscribed(String id) {
        Object[] current = topics;
        if (current != null) {
            for (int i = 0; i < current.length; i += 2) {
                if (id.equals(current[i])) {
                    return true;
                }
            }
        }
        return id.equals(eventsSubscription) || id.equals(repliesSubscription);
    }

    private static void requireFree(@Nullable String existing, String destination) {
        if (existing != null) {
            throw new RequestException(ErrorCode.DUPLICATE_SUBSCRIPTION, "already subscribed to " + destination);
        }
    }

    private static String required(ClientFrame frame, String header) {
        String value = frame.header(header);
        if (value == null || value.isEmpty()) {
            throw new RequestException(ErrorCode.MALFORMED_FRAME,
                    frame.command() + " requires the " + header + " header");
        }
        return value;
    }
}
