package nl.klaslijn.portal.imports;

import java.util.List;
import java.util.UUID;

/**
 * What an import wrote. Created lists name what is new; {@code existing*} count what the file named and the school
 * already had (matched, left unchanged). Sending the same file again gives empty created lists.
 *
 * @param guardianLinks guardian-pupil links added (new pupils' guardians and new guardians of existing pupils)
 * @param pupilNumbersAssigned existing pupils (matched by name in their group) that got the file's pupil number
 */
public record ImportResult(List<CreatedGroup> createdGroups, List<CreatedPupil> createdPupils,
        List<CreatedGuardian> createdGuardians, int guardianLinks, int pupilNumbersAssigned, int existingGroups,
        int existingPupils, int existingGuardians) {

    public record CreatedGroup(UUID groupId, String name) {}

    public record CreatedPupil(long line, UUID pupilId, UUID groupId, String firstName, String lastName) {}

    public record CreatedGuardian(UUID guardianId, String name) {}
}
