package nl.klaslijn.chat.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.ClientSession;
import nl.klaslijn.chat.core.LiveRoutes;
import nl.klaslijn.chat.core.LocalSessions;
import nl.klaslijn.chat.sync.ConversationIndex;

/**
 * Which sessions follow which conversations on this node, and the broker channels that needs: a
 * conversation's channel is subscribed while a session here follows it or subscribed to its topic, a
 * school's channel while a session of the school is open. A session follows its user's conversations
 * from its /user/events subscription on (loaded from the user's index) and as membership events arrive.
 */
final class Following implements LiveRoutes {

    private final LocalSessions sessions;
    private final ConversationIndex index;
    private final ChannelRefs refs;

    Following(LocalSessions sessions, ConversationIndex index, ChannelRefs refs) {
        this.sessions = sessions;
        this.index = index;
        this.refs = refs;
    }

    @Override
    public CompletionStage<Void> opened(ClientSession session) {
        return refs.acquire(LiveChannels.school(session.schoolId()));
    }

    @Override
    public CompletionStage<Void> follow(ClientSession session) {
        return refs.whenSubscribed(LiveChannels.school(session.schoolId()))
                .thenCompose(joined -> index.conversationIds(session.schoolId(), session.userId()))
                .thenCompose(ids -> {
                    List<CompletableFuture<Void>> subscribed = new ArrayList<>(ids.size());
                    for (UUID conversation : ids) {
                        subscribed.add(followOne(session, conversation).toCompletableFuture());
                    }
                    return CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new));
                });
    }

    @Override
    public void unfollow(ClientSession session) {
        for (UUID conversation : session.following()) {
            unfollowOne(session, conversation);
        }
    }

    @Override
    public CompletionStage<Void> followTopic(ClientSession session, UUID conversation) {
        return refs.acquire(LiveChannels.conversation(conversation));
    }

    @Override
    public void unfollowTopic(ClientSession session, UUID conversation) {
        refs.release(LiveChannels.conversation(conversation));
    }

    @Override
    public void closed(ClientSession session) {
        unfollow(session);
        for (UUID topic : session.topics()) {
            refs.release(LiveChannels.conversation(topic));
        }
        refs.release(LiveChannels.school(session.schoolId()));
    }

    /** Starts delivering the conversation's events to the session (no-op if it already follows it). */
    CompletionStage<Void> followOne(ClientSession session, UUID conversation) {
        if (!session.startFollowing(conversation)) {
            return CompletableFuture.completedFuture(null);
        }
        sessions.addFollower(conversation, session);
        CompletionStage<Void> subscribed = refs.acquire(LiveChannels.conversation(conversation));
        if (session.isClosed()) {
            unfollowOne(session, conversation); // closed while we were loading: closed() may have missed it
        }
        return subscribed;
    }

    void unfollowOne(ClientSession session, UUID conversation) {
        if (session.stopFollowing(conversation)) {
            sessions.removeFollower(conversation, session);
            refs.release(LiveChannels.conversation(conversation));
        }
    }

    int channels() {
        return refs.channels();
    }
}
