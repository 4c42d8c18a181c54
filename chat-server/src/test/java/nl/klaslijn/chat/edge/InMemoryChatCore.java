package nl.klaslijn.chat.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.SessionHandler;

/**
 * A small chat core for transport tests: records every frame it receives, keeps subscriptions per
 * destination, and delivers each SEND to every subscriber of its destination (the sender included) as one
 * shared {@link ServerFrame}. Answers a {@code receipt} header on SEND and SUBSCRIBE with a RECEIPT.
 */
final class InMemoryChatCore implements ChatCore {

    record Subscription(Connection connection, String id) {}

    final List<Connection> opened = new CopyOnWriteArrayList<>();
    final List<ClientFrame> frames = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    final Map<String, List<Subscription>> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    @Override
    public SessionHandler open(Connection connection) {
        opened.add(connection);
        return new SessionHandler() {
            private int closeCalls;

            @Override
            public void onFrame(ClientFrame frame) {
                if (closeCalls > 0) {
                    throw new AssertionError("onFrame after onClose");
                }
                frames.add(frame);
                switch (frame.command()) {
                    case SUBSCRIBE -> subscribers.computeIfAbsent(frame.header("destination"), d -> new CopyOnWriteArrayList<>())
                            .add(new Subscription(connection, frame.header("id")));
                    case UNSUBSCRIBE -> subscribers.values().forEach(list ->
                            list.removeIf(s -> s.connection() == connection && s.id().equals(frame.header("id"))));
                    case SEND -> {
                        ServerFrame message = ServerFrame.message(frame.header("destination"),
                                Long.toString(messageIds.incrementAndGet()), frame.body());
                        for (Subscription s : subscribers.getOrDefault(frame.header("destination"), List.of())) {
                            s.connection().deliver(s.id(), message);
                        }
                    }
                    default -> throw new AssertionError("transport passed " + frame.command());
                }
                String receipt = frame.header("receipt");
                if (receipt != null) {
                    connection.send(ServerFrame.receipt(receipt));
                }
            }

            @Override
            public void onClose() {
                if (++closeCalls > 1) {
                    throw new AssertionError("onClose called twice");
                }
                subscribers.values().forEach(list -> list.removeIf(s -> s.connection() == connection));
                closes.incrementAndGet();
            }
        };
    }
}
