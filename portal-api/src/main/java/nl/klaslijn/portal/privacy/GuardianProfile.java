package nl.klaslijn.portal.privacy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A guardian's contact details at one school and their privacy choices. Defaults (no profile saved yet): no details,
 * nothing shared with other parents of the group, not visible to the other guardians, not staff-only.
 *
 * @param sharedWithGroupParents the fields parents of their children's classmates may see
 * @param visibleToOtherGuardians whether the other guardians of their children (a partner or ex-partner) see all their
 *     details; when false those guardians see none of them, not even the fields shared with the group
 * @param staffContactOnly whether only staff may start a conversation with them (no parent-to-parent chats)
 */
public record GuardianProfile(UUID schoolId, UUID guardianId, ContactDetails details,
        Set<ContactField> sharedWithGroupParents, boolean visibleToOtherGuardians, boolean staffContactOnly,
        @Nullable Instant updatedAt) {

    public GuardianProfile {
        sharedWithGroupParents = sharedWithGroupParents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sharedWithGroupParents));
    }

    public static GuardianProfile empty(UUID schoolId, UUID guardianId) {
        return new GuardianProfile(schoolId, guardianId, ContactDetails.NONE, Set.of(), false, false, null);
    }

    /** What {@code audience} may see of the details. */
    public ContactDetails visibleTo(Audience audience) {
        return switch (audience) {
            case SELF, STAFF -> details;
            case OTHER_GUARDIAN -> visibleToOtherGuardians ? details : ContactDetails.NONE;
            case GROUP_PARENT -> details.only(sharedWithGroupParents);
        };
    }
}
