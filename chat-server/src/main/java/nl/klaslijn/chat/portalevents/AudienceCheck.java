package nl.klaslijn.chat.portalevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.common.events.Audience;

/**
 * Loads the facts {@link AudienceRule} decides on, at the moment of delivery (membership may have changed since the
 * event was published): the groups' conversation members, the pupils' registered guardians, each recipient's
 * directory entry.
 */
final class AudienceCheck {

    private final SchoolDirectory directory;
    private final Conversations conversations;
    private final PortalEventStore store;

    AudienceCheck(SchoolDirectory directory, Conversations conversations, PortalEventStore store) {
        this.directory = directory;
        this.conversations = conversations;
        this.store = store;
    }

    /** The id portal-api's chat sync gives a group's channel ({@code GroupChannel.conversationId}). */
    static UUID groupConversation(UUID school, UUID group, String channel) {
        return UUID.nameUUIDFromBytes(("klaslijn:group-channel:" + school + ":" + group + ":" + channel)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** For GROUPS the members of each group's announcements and parents conversations, for GUARDIANS the guardians. */
    CompletionStage<Set<UUID>> audienceMembers(UUID school, Audience audience) {
        List<CompletableFuture<Set<UUID>>> parts = new ArrayList<>();
        switch (audience.kind()) {
            case GROUPS -> {
                for (UUID group : audience.ids()) {
                    for (String channel : List.of("announcements", "parents")) {
                        parts.add(conversations.find(school, groupConversation(school, group, channel))
                                .thenApply(c -> c.<Set<UUID>>map(found -> found.members().keySet()).orElse(Set.of()))
                                .toCompletableFuture());
                    }
                }
            }
            case GUARDIANS -> {
                for (UUID pupil : audience.ids()) {
                    parts.add(store.guardians(school, pupil).toCompletableFuture());
                }
            }
            default -> { }
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Set<UUID> all = new HashSet<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    /** Whether {@code user} may see an event for {@code audience}, given the loaded audience members. */
    CompletionStage<Boolean> allows(UUID school, UUID user, Audience audience, Set<UUID> audienceMembers) {
        return directory.find(school, user).thenApply(person -> AudienceRule.allows(audience, user,
                person.map(SchoolDirectory.Person::role).orElse(null), audienceMembers));
    }
}
