package nl.klaslijn.portal.directory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.privacy.ContactDetails;
import org.jspecify.annotations.Nullable;

/**
 * A staff member as the school's members see them.
 *
 * @param chatUserId the account id, which is the chat's user id (start a direct conversation with it); null until
 *     the staff member registered
 * @param groups the groups they teach
 * @param contact the fields they share with the school
 */
public record StaffEntry(UUID staffId, @Nullable UUID chatUserId, String name, Set<StaffRole> roles,
        List<GroupRef> groups, ContactDetails contact) {

    /** A group by id and name. */
    public record GroupRef(UUID groupId, String name) {}
}
