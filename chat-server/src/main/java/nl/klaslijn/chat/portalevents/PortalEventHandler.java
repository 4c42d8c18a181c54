package nl.klaslijn.chat.portalevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import nl.klaslijn.chat.core.ClientSession;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.delivery.LiveEvent;
import nl.klaslijn.chat.delivery.LiveEventHandler;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PORTAL}: a portal event (body: its JSON, value: its Snowflake id), published on the school's channel. For
 * each user with a session of the school here, the audience is re-checked with what this node knows now, and the
 * allowed users' sessions get {@code event-type: portal}, body {@code {"type":"portal","event":{...}}} on
 * /user/events. The checks run asynchronously (they read Cassandra); the handler itself never blocks; events reach a
 * node's clients in the order the broker delivered them.
 *
 * <p>It lives in this feature rather than in {@code delivery} so that {@code delivery} does not depend on it (no
 * package cycle); it is registered with {@code LiveHub.register}.
 */
public final class PortalEventHandler implements LiveEventHandler {

    private static final Logger log = LoggerFactory.getLogger(PortalEventHandler.class);

    private final LocalSessions sessions;
    private final AudienceCheck check;
    /**
     * The delivery of the previous event: events are delivered on this node in the order the broker brought them
     * (each waits for the previous one's checks), so a client sees a school's portal events in publish order.
     */
    private CompletableFuture<@Nullable Void> tail = CompletableFuture.completedFuture(null);

    PortalEventHandler(LocalSessions sessions, AudienceCheck check) {
        this.sessions = sessions;
        this.check = check;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.PORTAL;
    }

    @Override
    public void handle(LiveEvent live) {
        Map<UUID, List<ClientSession>> byUser = new HashMap<>();
        sessions.forEach(s -> {
            if (s.schoolId().equals(live.school())) {
                byUser.computeIfAbsent(s.userId(), u -> new ArrayList<>()).add(s);
            }
        });
        if (byUser.isEmpty()) {
            return;
        }
        synchronized (this) {
            tail = tail.thenCompose(previous -> deliver(live, byUser)).exceptionally(e -> {
                log.warn("a portal event's audience check failed; not delivered here", e);
                return null;
            });
        }
    }

    /** Checks each user and delivers to the allowed users' sessions; completes when every user was decided. */
    private CompletableFuture<Void> deliver(LiveEvent live, Map<UUID, List<ClientSession>> byUser) {
        PortalEvent event = PortalEventJson.decode(live.body());
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, "p-" + live.value(), clientBody(live.body()),
                "event-type", "portal");
        return check.audienceMembers(live.school(), event.audience()).thenCompose(members -> {
            List<CompletableFuture<Void>> decided = new ArrayList<>();
            byUser.forEach((user, list) -> decided.add(check.allows(live.school(), user, event.audience(), members)
                    .thenAccept(allowed -> {
                        if (allowed) {
                            list.forEach(s -> s.deliverEvent(frame));
                        }
                    }).toCompletableFuture()));
            return CompletableFuture.allOf(decided.toArray(CompletableFuture[]::new));
        }).toCompletableFuture();
    }

    /** {@code {"type":"portal","event":<the event JSON as stored>}}. */
    static byte[] clientBody(byte[] eventJson) {
        byte[] head = "{\"type\":\"portal\",\"event\":".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + eventJson.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(eventJson, 0, out, head.length, eventJson.length);
        out[out.length - 1] = '}';
        return out;
    }
}
