package nl.klaslijn.portal.chatsync;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.klaslijn.portal.people.Guardian;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.people.Pupil;
import nl.klaslijn.portal.people.Staff;
import nl.klaslijn.portal.request.StaffRole;
import nl.klaslijn.portal.privacy.Profiles;
import nl.klaslijn.portal.schools.Group;
import nl.klaslijn.portal.schools.Schools;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the chat should hold, computed from portal-api's tables alone (so any instance, at any time, computes the same).
 * Chat user ids are account ids: people without an account (not registered yet) are not in the chat.
 *
 * <p>The policy, per group:
 * <ul>
 *   <li>announcement channel: the group's registered teachers are owners (they post); every registered guardian of a
 *       pupil in the group is a reader. Administrators who do not teach the group are not in it.
 *   <li>parent group chat: every registered guardian of a pupil in the group is a member; the group's class parents
 *       (who must still have a child in the group) are owners, the chat's moderator role. Teachers are not in it: it
 *       is the parents' own space, and teachers reach parents through the announcement channel and direct chats.
 *   <li>someone in both roles (a teacher whose child is in the group) gets the stronger role: owner.
 * </ul>
 * A group that no longer exists wants no members.
 */
@Component
class DesiredState {

    /** A conversation as it should be: kind, title (used only when it is created) and members (user → role). */
    record Plan(UUID conversationId, String kind, String title, Map<UUID, ChatRole> members) {}

    /**
     * A chat directory entry: who someone is at the school; {@code staffOnly}: a guardian who chose "contact by staff
     * only" (the chat then refuses direct chats with them started by other parents).
     */
    record Person(String displayName, String role, boolean staffOnly) {}

    private final Schools schools;
    private final People people;
    private final Profiles profiles;

    DesiredState(Schools schools, People people, Profiles profiles) {
        this.schools = schools;
        this.people = people;
        this.profiles = profiles;
    }

    Map<GroupChannel, Plan> group(UUID schoolId, UUID groupId) {
        Optional<Group> found = schools.group(schoolId, groupId);
        Map<UUID, ChatRole> announcements = new HashMap<>();
        Map<UUID, ChatRole> parents = new HashMap<>();
        String name = found.map(Group::name).orElse("");
        if (found.isPresent()) {
            Group group = found.get();
            Set<UUID> guardiansInGroup = new HashSet<>();
            for (Pupil pupil : people.pupilsOfGroup(schoolId, groupId)) {
                guardiansInGroup.addAll(people.guardiansOf(schoolId, pupil.pupilId()));
            }
            for (UUID guardianId : guardiansInGroup) {
                UUID account = people.guardian(schoolId, guardianId).map(Guardian::accountId).orElse(null);
                if (account != null) {
                    announcements.put(account, ChatRole.READER);
                    parents.put(account, group.hasClassParent(guardianId) ? ChatRole.OWNER : ChatRole.MEMBER);
                }
            }
            for (UUID staffId : group.teachers()) {
                UUID account = people.staff(schoolId, staffId).map(Staff::accountId).orElse(null);
                if (account != null) {
                    announcements.put(account, ChatRole.OWNER);
                }
            }
        }
        Map<GroupChannel, Plan> plans = new EnumMap<>(GroupChannel.class);
        plans.put(GroupChannel.ANNOUNCEMENTS, plan(GroupChannel.ANNOUNCEMENTS, schoolId, groupId, name, announcements));
        plans.put(GroupChannel.PARENTS, plan(GroupChannel.PARENTS, schoolId, groupId, name, parents));
        return plans;
    }

    /**
     * The account's directory entry at the school; empty if the account is nobody there. Staff are entered as staff
     * (contact by anyone) even if they are a guardian there too; a guardian carries their staff-only choice.
     */
    Optional<Person> person(UUID schoolId, UUID accountId) {
        Membership m = people.membership(schoolId, accountId).orElse(null);
        if (m == null) {
            return Optional.empty();
        }
        @Nullable UUID staffId = m.staffId();
        if (staffId != null && m.isStaff()) {
            String role = m.hasStaffRole(StaffRole.TEACHER) ? "teacher"
                    : m.hasStaffRole(StaffRole.ADMINISTRATOR) ? "administrator" : "care-coordinator";
            return people.staff(schoolId, staffId).map(s -> new Person(s.name(), role, false));
        }
        @Nullable UUID guardianId = m.guardianId();
        if (guardianId != null) {
            return people.guardian(schoolId, guardianId).map(g -> new Person(g.name(), "parent",
                    profiles.contactByStaffOnly(schoolId, guardianId)));
        }
        return Optional.empty();
    }

    /** The groups whose conversations the account may belong to: its children's groups and the groups it teaches. */
    Set<UUID> groupsOf(UUID schoolId, UUID accountId) {
        Set<UUID> groups = new HashSet<>();
        people.membership(schoolId, accountId).ifPresent(m -> {
            if (m.guardianId() != null) {
                people.childrenOf(schoolId, m.guardianId()).forEach(c -> groups.add(c.groupId()));
            }
            if (m.staffId() != null) {
                schools.groups(schoolId).stream().filter(g -> g.isTaughtBy(m.staffId()))
                        .forEach(g -> groups.add(g.groupId()));
            }
        });
        return groups;
    }

    /** The account ids of the pupil's registered guardians; empty if the pupil is not at the school (any more). */
    Optional<Set<UUID>> pupilGuardians(UUID schoolId, UUID pupilId) {
        if (people.pupil(schoolId, pupilId).isEmpty()) {
            return Optional.empty();
        }
        Set<UUID> accounts = new HashSet<>();
        for (UUID guardianId : people.guardiansOf(schoolId, pupilId)) {
            people.guardian(schoolId, guardianId).map(Guardian::accountId).ifPresent(accounts::add);
        }
        return Optional.of(accounts);
    }

    /** The ids of the group's pupils. */
    List<UUID> pupilsOf(UUID schoolId, UUID groupId) {
        return people.pupilsOfGroup(schoolId, groupId).stream().map(Pupil::pupilId).toList();
    }

    /** The groups that list this staff id among their teachers. */
    Set<UUID> groupsTaughtBy(UUID schoolId, UUID staffId) {
        Set<UUID> groups = new HashSet<>();
        schools.groups(schoolId).stream().filter(g -> g.isTaughtBy(staffId)).forEach(g -> groups.add(g.groupId()));
        return groups;
    }

    private static Plan plan(GroupChannel channel, UUID schoolId, UUID groupId, String name, Map<UUID, ChatRole> members) {
        return new Plan(channel.conversationId(schoolId, groupId), channel.kind(), channel.title(name), Map.copyOf(members));
    }
}
