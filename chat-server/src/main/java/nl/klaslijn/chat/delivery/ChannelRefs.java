package nl.klaslijn.chat.delivery;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.broker.Broker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference-counted broker subscriptions: a channel is subscribed while at least one local reason
 * (a session interested in a conversation, a session of a school) holds it, and unsubscribed when the
 * last one lets go. The broker's own subscriptions are a set; the counting lives here.
 *
 * <p>{@link #acquire} completes when messages published afterwards reach this node, or at once if the
 * broker is down: the channel stays subscribed and the broker re-applies it on resumption, when clients
 * are told to resync. Either way the caller may go on.
 */
final class ChannelRefs {

    private static final Logger log = LoggerFactory.getLogger(ChannelRefs.class);

    private final Broker broker;
    private final Map<String, Ref> refs = new HashMap<>();

    private static final class Ref {
        int count;
        CompletableFuture<Void> subscribed;
    }

    ChannelRefs(Broker broker) {
        this.broker = broker;
    }

    CompletionStage<Void> acquire(String channel) {
        synchronized (refs) {
            Ref ref = refs.computeIfAbsent(channel, c -> new Ref());
            if (ref.count++ == 0) {
                ref.subscribed = broker.subscribe(channel).toCompletableFuture()
                        .exceptionally(e -> {
                            log.debug("subscribing {} failed; the broker re-applies it on resumption", channel, e);
                            return null;
                        });
            }
            return ref.subscribed;
        }
    }

    /** Completes when the channel, held by someone else, is subscribed; at once if nobody holds it. */
    CompletionStage<Void> whenSubscribed(String channel) {
        synchronized (refs) {
            Ref ref = refs.get(channel);
            return ref == null ? CompletableFuture.completedFuture(null) : ref.subscribed;
        }
    }

    void release(String channel) {
        synchronized (refs) {
            Ref ref = refs.get(channel);
            if (ref == null) {
                return;
            }
            if (--ref.count == 0) {
                refs.remove(channel);
                broker.unsubscribe(channel);
            }
        }
    }

    int channels() {
        synchronized (refs) {
            return refs.size();
        }
    }
}
