package nl.klaslijn.chat.delivery;

import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.core.ServerFrame;

/**
 * {@code MEMBERSHIP}: the cached members are dropped, and the user's sessions at the school start (value 1)
 * or stop (0) following the conversation (a removed member also loses its topic subscription), then get the
 * {@code membership} event.
 */
final class MembershipHandler implements LiveEventHandler {

    private final LocalSessions sessions;
    private final Conversations conversations;
    private final Following following;
    private final LiveFrames frames;

    MembershipHandler(LocalSessions sessions, Conversations conversations, Following following, LiveFrames frames) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.following = following;
        this.frames = frames;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.MEMBERSHIP;
    }

    @Override
    public void handle(LiveEvent event) {
        conversations.invalidate(event.school(), event.conversation());
        boolean added = event.value() == 1;
        ServerFrame frame = frames.event("membership", event);
        sessions.forEachOfUser(event.user(), session -> {
            if (!session.schoolId().equals(event.school())) {
                return;
            }
            if (added) {
                if (session.eventsSubscription() != null) {
                    following.followOne(session, event.conversation());
                }
            } else {
                following.unfollowOne(session, event.conversation());
                session.dropTopic(event.conversation());
            }
            session.deliverEvent(frame);
        });
    }
}
