package nl.klaslijn.chat.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.klaslijn.chat.core.DeliveryBatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each live event to the one handler registered for its kind, inside one delivery batch (the frames
 * an event makes reach the transport together). An event of a kind nobody registered is dropped (a newer node
 * may publish kinds this one does not know yet). Thread-safe; handlers may be registered while events flow.
 */
public final class LiveDispatcher {

    private static final Logger log = LoggerFactory.getLogger(LiveDispatcher.class);

    private final Map<LiveEvent.Kind, LiveEventHandler> handlers = new ConcurrentHashMap<>();
    private final DeliveryBatching batching;

    LiveDispatcher(DeliveryBatching batching) {
        this.batching = batching;
    }

    /** Registers the handler of its kind; a second handler for the same kind is refused (IllegalStateException). */
    public void register(LiveEventHandler handler) {
        LiveEventHandler before = handlers.putIfAbsent(handler.kind(), handler);
        if (before != null) {
            throw new IllegalStateException("a handler for " + handler.kind() + " is registered already");
        }
    }

    /** One event to this node's sessions; its frames reach the transport as one batch. */
    void dispatch(LiveEvent event) {
        LiveEventHandler handler = handlers.get(event.kind());
        if (handler == null) {
            log.debug("no handler for live events of kind {}; dropped", event.kind());
            return;
        }
        batching.deliverAll(() -> {
            try {
                handler.handle(event);
            } catch (RuntimeException e) {
                log.warn("handling a {} live event failed; dropped", event.kind(), e);
            }
        });
    }
}
