package nl.klaslijn.chat.core;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
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

    ClientSession(Connection connection, ChatNode node) {
        this.connection = connection;
        this.node = node;
    }

    public Connection connection() {
        return connection;
    }

    UUID userId() {
        return connection.principal().userId();
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

    @Override
    public void onFrame(ClientFrame frame) {
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
            receipt(receipt);
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
        whenDone(node.access().requireRead(connection.principal(), conversation), receipt, c -> {
            addTopic(id, conversation);
            receipt(receipt);
        });
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
        if (id.equals(eventsSubscription)) {
            eventsSubscription = null;
        } else if (id.equals(repliesSubscription)) {
            repliesSubscription = null;
        } else if (!removeTopic(id)) {
            throw new RequestException(ErrorCode.NOT_FOUND, "no subscription with id " + id);
        }
        receipt(frame.header("receipt"));
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
        stage.whenComplete((value, error) -> {
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
