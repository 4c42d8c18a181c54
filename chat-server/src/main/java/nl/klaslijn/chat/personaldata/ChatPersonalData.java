package nl.klaslijn.chat.personaldata;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.settings.Preferences;
import org.jspecify.annotations.Nullable;

/**
 * The export and erasure of a user's chat data, each run on one daemon thread of its own (the work is a series of
 * blocking reads and writes; one thread also bounds what a burst of requests can cost the node).
 */
public final class ChatPersonalData implements AutoCloseable {

    /** How long one erasure call works before it answers "not done yet" (the caller calls again). */
    public static final Duration ERASURE_BUDGET = Duration.ofSeconds(2);

    private final ChatDataExport export;
    private final ChatDataErasure erasure;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chat-personal-data");
        t.setDaemon(true);
        return t;
    });

    public ChatPersonalData(CqlSession session, Conversations conversations, SchoolDirectory directory,
            Preferences preferences) {
        UserDataStore store = new UserDataStore(session);
        export = new ChatDataExport(store, conversations);
        erasure = new ChatDataErasure(store, conversations, directory, preferences, ERASURE_BUDGET);
    }

    public CompletionStage<ChatDataExport.Profile> profile(UUID school, UUID user) {
        return CompletableFuture.supplyAsync(() -> export.profile(school, user), executor);
    }

    public CompletionStage<ChatDataExport.MessagePage> messages(UUID school, UUID user, @Nullable String cursor,
            int limit) {
        return CompletableFuture.supplyAsync(() -> export.messages(school, user, cursor, limit), executor);
    }

    /** True when all is erased; false when the caller must call again (the work done so far is kept). */
    public CompletionStage<Boolean> erase(UUID school, UUID user) {
        return CompletableFuture.supplyAsync(() -> erasure.erase(school, user), executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
