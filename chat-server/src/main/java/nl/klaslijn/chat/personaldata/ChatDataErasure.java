package nl.klaslijn.chat.personaldata;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.messages.Buckets;
import nl.klaslijn.chat.settings.Preferences;

/**
 * Erases what the chat holds on a user at a school when portal-api deletes them (a guardian left without a child).
 * Per conversation they are or were in: their messages stay in the history as sent by "a deleted user" (sender
 * {@link UserDataStore#ERASED_USER}, text and client id removed), other members' previews of their last message get
 * the same treatment, their read and delivered pointers go, and they stop being a member (which also ends their live
 * subscription). Then their settings, last seen, directory entry, index and membership history go.
 *
 * <p>Each step is idempotent and a conversation is forgotten only after its steps are done, so a run that failed or
 * ran out of time is finished by the next one. One run works for at most {@code budget}; it answers whether all is
 * done.
 */
public final class ChatDataErasure {

    private final UserDataStore store;
    private final Conversations conversations;
    private final SchoolDirectory directory;
    private final Preferences preferences;
    private final Duration budget;

    ChatDataErasure(UserDataStore store, Conversations conversations, SchoolDirectory directory, Preferences preferences,
            Duration budget) {
        this.store = store;
        this.conversations = conversations;
        this.directory = directory;
        this.preferences = preferences;
        this.budget = budget;
    }

    /** Blocking: run on the personal-data executor. True when nothing is left; false when the caller must call again. */
    public boolean erase(UUID school, UUID user) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (UUID id : store.conversationsOf(school, user)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            eraseIn(school, user, id);
        }
        store.deleteProfile(school, user);
        directory.remove(school, user).toCompletableFuture().join();
        preferences.forgetUser(school, user);
        store.deleteIndexAndHistory(school, user);
        return true;
    }

    private void eraseIn(UUID school, UUID user, UUID id) {
        for (long bucket : store.buckets(school, id)) {
            anonymiseBucket(school, user, id, bucket);
        }
        Optional<Conversation> conversation = conversations.find(school, id).toCompletableFuture().join();
        if (conversation.isPresent()) {
            for (UUID member : conversation.get().members().keySet()) {
                store.indexRow(school, member, id)
                        .filter(entry -> user.equals(entry.lastSenderId()) && entry.lastMessageId() != null)
                        .ifPresent(entry -> store.anonymisePreview(school, member, id,
                                Buckets.writeTimestampMicros(entry.lastMessageId())));
            }
            if (conversation.get().roleOf(user) != null) {
                conversations.removeMember(school, id, user).toCompletableFuture().join();
            }
        }
        store.deletePointers(school, id, user);
        store.forgetConversation(school, user, id);
    }

    private void anonymiseBucket(UUID school, UUID user, UUID id, long bucket) {
        long before = Long.MAX_VALUE;
        while (true) {
            var rows = store.page(school, id, bucket, before, 1_000);
            if (rows.isEmpty()) {
                return;
            }
            for (UserDataStore.StoredMessage m : rows) {
                before = m.id();
                if (m.sender().equals(user)) {
                    store.anonymise(school, id, bucket, m.id());
                }
            }
        }
    }
}
