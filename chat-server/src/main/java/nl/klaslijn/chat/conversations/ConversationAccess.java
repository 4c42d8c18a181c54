package nl.klaslijn.chat.conversations;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.common.auth.AccessToken;

/**
 * The one gate for conversations: whether a user may read or post in one. Every SUBSCRIBE, SEND,
 * history and read-pointer request passes here. A conversation of another school, one that does not
 * exist, and one the user is not a member of all fail the same way ({@link ConversationException.Reason#NOT_FOUND}
 * would leak existence, so it is {@code FORBIDDEN} with the same message), so ids cannot be probed.
 */
public final class ConversationAccess {

    static final String NOT_A_MEMBER = "not a member of this conversation";

    private final Conversations conversations;
    private final ChatModule module;

    public ConversationAccess(Conversations conversations, ChatModule module) {
        this.conversations = conversations;
        this.module = module;
    }

    /** Completes if the caller's school has the chat switched on; fails with MODULE_OFF otherwise. */
    public CompletionStage<Void> requireChatOn(AccessToken who) {
        return module.isOn(who.schoolId()).thenAccept(on -> {
            if (!on) {
                throw new ConversationException(ConversationException.Reason.MODULE_OFF,
                        "the chat is switched off for this school");
            }
        });
    }

    /**
     * Completes with the conversation if {@code who} is a member and the chat is on; fails with
     * FORBIDDEN (not a member) or MODULE_OFF otherwise.
     */
    public CompletionStage<Conversation> requireRead(AccessToken who, UUID conversationId) {
        return requireChatOn(who).thenCompose(on -> conversations.find(who.schoolId(), conversationId)).thenApply(found -> found
                .filter(c -> c.roleOf(who.userId()) != null)
                .orElseThrow(() -> new ConversationException(ConversationException.Reason.FORBIDDEN, NOT_A_MEMBER)));
    }

    /** Completes with the conversation if {@code who} may post in it; fails with FORBIDDEN otherwise. */
    public CompletionStage<Conversation> requirePost(AccessToken who, UUID conversationId) {
        return requireRead(who, conversationId).thenApply(c -> {
            if (!c.roleOf(who.userId()).mayPost()) {
                throw new ConversationException(ConversationException.Reason.READ_ONLY,
                        "only the owners of this conversation post in it");
            }
            return c;
        });
    }
}
