package nl.klaslijn.chat.delivery;

import java.util.concurrent.atomic.AtomicLong;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * The frames of events on {@code /user/events} that carry no message id: each gets this node's next event id
 * ({@code e-1}, {@code e-2}, ...), unique per node. One instance per node, shared by the handlers.
 */
final class LiveFrames {

    private final AtomicLong eventIds = new AtomicLong();

    /** A frame with the event's body as published, its type and conversation in the headers. */
    ServerFrame event(String type, LiveEvent event) {
        return ServerFrame.message(Destination.USER_EVENTS, nextEventId(), event.body(),
                "event-type", type, "conversation-id", event.conversation().toString());
    }

    String nextEventId() {
        return "e-" + eventIds.incrementAndGet();
    }
}
