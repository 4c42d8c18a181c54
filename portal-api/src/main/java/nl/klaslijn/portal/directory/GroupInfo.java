package nl.klaslijn.portal.directory;

import java.util.List;
import java.util.UUID;
import nl.klaslijn.portal.privacy.ContactDetails;
import org.jspecify.annotations.Nullable;

/** A group's information page as one viewer sees it: its teachers and its pupils with their guardians. */
public record GroupInfo(UUID groupId, String name, List<StaffEntry> teachers, List<Classmate> classmates) {

    /** A pupil of the group with their guardians. */
    public record Classmate(UUID pupilId, String firstName, String lastName, List<GuardianEntry> guardians) {}

    /**
     * A guardian as this viewer may see them.
     *
     * @param chatUserId the account id (the chat's user id) when the viewer may start a conversation with them: staff
     *     always, parents unless the guardian chose contact by staff only; null also when not registered
     * @param contact the fields visible to this viewer under the guardian's privacy choices
     */
    public record GuardianEntry(UUID guardianId, String name, boolean classParent, boolean contactByStaffOnly,
            @Nullable UUID chatUserId, ContactDetails contact) {}
}
