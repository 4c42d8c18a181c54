package nl.klaslijn.portal.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code klaslijn.events.*} settings (docs/operations.md, docs/events.md). The chat server is reached at
 * {@code klaslijn.chat.internal-url}, each call limited by {@code klaslijn.chat.sync.request-timeout}.
 */
@ConfigurationProperties("klaslijn.events")
public record EventProperties(@DefaultValue Relay relay) {

    /**
     * The outbox relay.
     *
     * @param enabled false: events are still recorded in the outbox, but this instance delivers none
     * @param interval time between passes while the outbox is empty or everything succeeded
     * @param maxBackoff longest wait between passes while the chat server fails (doubling from {@code interval})
     * @param lease how long one instance owns one outbox shard per pass (it stops taking batches after half of it)
     * @param batchSize events per call to the chat server (1 to 100, one school per call)
     */
    public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
            @DefaultValue("30s") Duration maxBackoff, @DefaultValue("30s") Duration lease,
            @DefaultValue("100") int batchSize) {

        public Relay {
            if (batchSize < 1 || batchSize > 100) {
                throw new IllegalArgumentException("klaslijn.events.relay.batch-size must be 1 to 100, got " + batchSize);
            }
        }
    }
}
