package nl.klaslijn.chat.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import nl.klaslijn.chat.core.Destination;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * {@code OWN_DEVICES}: an event for the user's own sessions at the school only. Body: one byte with the
 * length of the event type, the type (UTF-8), then the JSON the clients receive.
 */
final class OwnDevicesHandler implements LiveEventHandler {

    private final LocalSessions sessions;
    private final LiveFrames frames;

    OwnDevicesHandler(LocalSessions sessions, LiveFrames frames) {
        this.sessions = sessions;
        this.frames = frames;
    }

    /** The body {@link #handle} reads: the type's length (one byte), the type, the JSON. */
    static byte[] body(String eventType, byte[] json) {
        byte[] type = eventType.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + type.length + json.length];
        payload[0] = (byte) type.length;
        System.arraycopy(type, 0, payload, 1, type.length);
        System.arraycopy(json, 0, payload, 1 + type.length, json.length);
        return payload;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.OWN_DEVICES;
    }

    @Override
    public void handle(LiveEvent event) {
        byte[] payload = event.body();
        int typeLength = payload[0];
        String type = new String(payload, 1, typeLength, StandardCharsets.UTF_8);
        byte[] json = Arrays.copyOfRange(payload, 1 + typeLength, payload.length);
        ServerFrame frame = ServerFrame.message(Destination.USER_EVENTS, frames.nextEventId(),
                json, "event-type", type, "conversation-id", event.conversation().toString());
        sessions.forEachOfUser(event.user(), session -> {
            if (session.schoolId().equals(event.school())) {
                session.deliverEvent(frame);
            }
        });
    }
}
