package nl.klaslijn.portal.it;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of the portal ITs that need the chat: the chat sync and the event relay switched on, fast, against a real
 * chat node in this JVM ({@link ChatNode}, started before each test if it is not running). Its subclasses share one
 * application context.
 */
abstract class ChatSyncedIT extends PortalIT {

    /** How long the chat sync may take to carry a change into the chat. */
    static final Duration CONVERGES_WITHIN = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void chat(DynamicPropertyRegistry registry) {
        registry.add("klaslijn.chat.sync.enabled", () -> "true");
        registry.add("klaslijn.chat.internal-url", ChatNode::internalUrl);
        registry.add("klaslijn.chat.sync.interval", () -> "500ms");
        registry.add("klaslijn.chat.sync.max-backoff", () -> "2s");
        registry.add("klaslijn.chat.sync.request-timeout", () -> "2s");
        // The portal event relay delivers to the same chat node (PortalRoadIT).
        registry.add("klaslijn.events.relay.enabled", () -> "true");
        registry.add("klaslijn.events.relay.interval", () -> "200ms");
        registry.add("klaslijn.events.relay.max-backoff", () -> "1s");
    }

    @BeforeEach
    void chatRuns() {
        ChatNode.start();
    }
}
