package nl.klaslijn.chat.settings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import nl.klaslijn.chat.conversations.ChatModule;
import nl.klaslijn.chat.directory.SchoolDirectory;

/**
 * Users' and schools' chat settings, cached per node. A change made through this node applies here at
 * once and on other nodes within {@code cacheTtl} (they re-read it when their copy expires). A user's choice never
 * stored defaults by their role in the school directory: staff share, everyone else (parents, and people the directory
 * does not know) shares nothing ({@link UserPreferences}).
 */
public final class Preferences implements ChatModule {

    private record UserKey(UUID school, UUID user) {}

    private final SettingsStore store;
    private final AsyncLoadingCache<UserKey, UserPreferences> users;
    private final AsyncLoadingCache<UUID, SchoolPreferences> schools;

    public Preferences(CqlSession session, SchoolDirectory directory, Duration cacheTtl, Executor executor) {
        this.store = new SettingsStore(session);
        this.users = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).executor(executor)
                .buildAsync((key, ignored) -> store.user(key.school(), key.user(), user -> directory.find(key.school(), user)
                        .thenApply(Preferences::defaultsFor)).toCompletableFuture());
        this.schools = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).executor(executor)
                .buildAsync((key, ignored) -> store.school(key).toCompletableFuture());
    }

    private static UserPreferences defaultsFor(Optional<SchoolDirectory.Person> person) {
        return person.filter(p -> !p.isParent()).isPresent() ? UserPreferences.STAFF_DEFAULT : UserPreferences.PARENT_DEFAULT;
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

    /** Forgets this node's copy of the user's settings (another node changed them). */
    public void forgetUser(UUID school, UUID user) {
        users.synchronous().invalidate(new UserKey(school, user));
    }

    public CompletionStage<SchoolPreferences> school(UUID school) {
        return schools.get(school);
    }

    @Override
    public CompletionStage<Boolean> isOn(UUID school) {
        return school(school).thenApply(SchoolPreferences::chatEnabled);
    }

    /** Forgets this node's copy of the school's settings (another node changed them). */
    public void forgetSchool(UUID school) {
        schools.synchronous().invalidate(school);
    }

    public CompletionStage<SchoolPreferences> putSchool(UUID school, SchoolPreferences value) {
        return store.putSchool(school, value).thenApply(done -> {
            schools.synchronous().put(school, value);
            return value;
        });
    }
}
