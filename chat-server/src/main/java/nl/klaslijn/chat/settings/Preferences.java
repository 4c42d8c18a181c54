package nl.klaslijn.chat.settings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Users' and schools' chat settings, cached per node. A change made through this node applies here at
 * once and on other nodes within {@code cacheTtl} (they re-read it when their copy expires).
 */
public final class Preferences {

    private record UserKey(UUID school, UUID user) {}

    private final SettingsStore store;
    private final AsyncLoadingCache<UserKey, UserPreferences> users;
    private final AsyncLoadingCache<UUID, SchoolPreferences> schools;

    public Preferences(CqlSession session, Duration cacheTtl, Executor executor) {
        this.store = new SettingsStore(session);
        this.users = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).executor(executor)
                .buildAsync((key, ignored) -> store.user(key.school(), key.user()).toCompletableFuture());
        this.schools = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).executor(executor)
                .buildAsync((key, ignored) -> store.school(key).toCompletableFuture());
    }

    public CompletionStage<UserPreferences> user(UUID school, UUID user) {
        return users.get(new UserKey(school, user));
    }

    public CompletionStage<UserPreferences> putUser(UUID school, UUID user, UserPreferences value) {
        return store.putUser(school, user, value).thenApply(done -> {
            users.synchronous().put(new UserKey(school, user), value);
            return value;
        });
    }

    public CompletionStage<SchoolPreferences> school(UUID school) {
        return schools.get(school);
    }

    public CompletionStage<SchoolPreferences> putSchool(UUID school, SchoolPreferences value) {
        return store.putSchool(school, value).thenApply(done -> {
            schools.synchronous().put(school, value);
            return value;
        });
    }
}
