package nl.klaslijn.chat.core;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * How sessions on this node are joined to the live events of their conversations, on this node and
 * across nodes. Implemented by the delivery layer; the core calls it at the points of a session's life.
 *
 * <p>Contract: {@link #follow} completes once every event published afterwards for each of the user's
 * conversations reaches the session (or, while live delivery is interrupted, once the session will be
 * told to resync when it resumes). A client that subscribes to {@code /user/events}, waits for the
 * RECEIPT and then syncs therefore misses nothing.
 */
public interface LiveRoutes {

    /** The session is open: join what every session of its school needs (membership changes). */
    CompletionStage<Void> opened(ClientSession session);

    /** The session subscribed to its events: follow every conversation the user is a member of. */
    CompletionStage<Void> follow(ClientSession session);

    /** The session unsubscribed from its events. */
    void unfollow(ClientSession session);

    /** The session subscribed to one conversation's topic (membership already checked). */
    CompletionStage<Void> followTopic(ClientSession session, UUID conversation);

    void unfollowTopic(ClientSession session, UUID conversation);

    /** The session closed: let go of everything it held. Called once, after its last frame. */
    void closed(ClientSession session);
}
