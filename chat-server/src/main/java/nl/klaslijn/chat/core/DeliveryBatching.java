package nl.klaslijn.chat.core;

/**
 * How the transport takes many deliveries made by one thread at once. The chat core runs each live
 * event's fan-out (one {@link Connection#deliver} per recipient) inside {@link #deliverAll}; a transport
 * with I/O threads hands the frames to each I/O thread in one go when it returns, instead of waking a
 * thread per frame. Calls may nest; frames keep the order they were delivered in.
 */
@FunctionalInterface
public interface DeliveryBatching {

    /** Delivers frames one by one as they are made. */
    DeliveryBatching NONE = Runnable::run;

    /** Runs {@code deliveries} on the calling thread; frames it delivers may be held until it returns. */
    void deliverAll(Runnable deliveries);
}
