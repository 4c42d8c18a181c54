package nl.klaslijn.chat.portalevents;

import java.util.Set;
import java.util.UUID;
import nl.klaslijn.common.events.Audience;
import org.jspecify.annotations.Nullable;

/**
 * Whether one recipient may see a portal event, decided from what the node knows now. Pure: the facts are loaded
 * by {@link AudienceCheck}.
 */
final class AudienceRule {

    private AudienceRule() {}

    /**
     * @param user the recipient
     * @param directoryRole the recipient's role in the school directory, null when they are not in it (never allowed)
     * @param audienceMembers for GROUPS the members of the groups' conversations, for GUARDIANS the pupils' registered
     *     guardians; empty for the other kinds
     */
    static boolean allows(Audience audience, UUID user, @Nullable String directoryRole, Set<UUID> audienceMembers) {
        if (directoryRole == null) {
            return false;
        }
        return switch (audience.kind()) {
            case SCHOOL -> true;
            case STAFF -> !"parent".equals(directoryRole);
            case USERS -> audience.ids().contains(user);
            case GROUPS, GUARDIANS -> audienceMembers.contains(user);
        };
    }
}
