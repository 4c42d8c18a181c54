package nl.klaslijn.chat.delivery;

/**
 * What this node does with the live events of one kind the broker delivers (or that were dispatched here
 * directly while the broker was down). A new kind of live event is a new {@link LiveEvent.Kind} and one new
 * handler registered with {@link LiveDispatcher#register}; no shared class grows a method.
 *
 * <p>Contract: {@link #handle} runs on a broker or driver thread, inside one delivery batch per event
 * ({@code DeliveryBatching}); it must not block, and an exception it throws is logged and drops only this event.
 */
public interface LiveEventHandler {

    /** The one kind this handler receives. */
    LiveEvent.Kind kind();

    void handle(LiveEvent event);
}
