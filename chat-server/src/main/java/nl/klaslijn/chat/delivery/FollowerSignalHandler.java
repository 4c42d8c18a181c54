package nl.klaslijn.chat.delivery;

import java.util.Locale;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * {@code READ}, {@code DELIVERED}, {@code PRESENCE} and {@code TYPING}: the body as published, to every session
 * here that follows the conversation; the event type is the kind's name in lower case. One instance per kind;
 * for typing the typist's own sessions are skipped.
 */
final class FollowerSignalHandler implements LiveEventHandler {

    private final LiveEvent.Kind kind;
    private final boolean skipOwnSessions;
    private final LocalSessions sessions;
    private final LiveFrames frames;

    private FollowerSignalHandler(LiveEvent.Kind kind, boolean skipOwnSessions, LocalSessions sessions,
            LiveFrames frames) {
        this.kind = kind;
        this.skipOwnSessions = skipOwnSessions;
        this.sessions = sessions;
        this.frames = frames;
    }

    /** To every follower, the user's own sessions included. */
    static FollowerSignalHandler toAll(LiveEvent.Kind kind, LocalSessions sessions, LiveFrames frames) {
        return new FollowerSignalHandler(kind, false, sessions, frames);
    }

    /** To every follower but the sessions of the user the event is about. */
    static FollowerSignalHandler toOthers(LiveEvent.Kind kind, LocalSessions sessions, LiveFrames frames) {
        return new FollowerSignalHandler(kind, true, sessions, frames);
    }

    @Override
    public LiveEvent.Kind kind() {
        return kind;
    }

    @Override
    public void handle(LiveEvent event) {
        ServerFrame frame = frames.event(kind.name().toLowerCase(Locale.ROOT), event);
        sessions.forEachFollower(event.conversation(), session -> {
            if (!skipOwnSessions || !event.user().equals(session.userId())) {
                session.deliverEvent(frame);
            }
        });
    }
}
