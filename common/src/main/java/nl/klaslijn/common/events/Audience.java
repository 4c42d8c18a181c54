package nl.klaslijn.common.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who may receive a portal event, within its school. The receiving side expands it and re-checks each recipient at
 * fan-out against what it knows now (membership can change between publish and delivery):
 * <ul>
 *   <li>{@link Kind#SCHOOL}: everyone at the school (staff and guardians); {@code ids} empty.</li>
 *   <li>{@link Kind#GROUPS}: the people of the given groups (their staff and their pupils' registered guardians).</li>
 *   <li>{@link Kind#GUARDIANS}: the registered guardians of the given pupils.</li>
 *   <li>{@link Kind#STAFF}: the school's staff; {@code ids} empty.</li>
 *   <li>{@link Kind#USERS}: the given accounts, while they are at the school.</li>
 * </ul>
 *
 * @param ids group ids, pupil ids or account ids, by kind: 1 to {@value #MAX_IDS} distinct ids; none for SCHOOL and
 *     STAFF
 */
public record Audience(Kind kind, List<UUID> ids) {

    /** At most this many ids: a bigger audience is a school-wide or staff-wide one. */
    public static final int MAX_IDS = 50;

    public enum Kind { SCHOOL, GROUPS, GUARDIANS, STAFF, USERS }

    public Audience {
        Fields.required(kind, "audience.kind");
        ids = List.copyOf(Fields.required(ids, "audience.ids"));
        boolean needsIds = kind == Kind.GROUPS || kind == Kind.GUARDIANS || kind == Kind.USERS;
        if (needsIds && (ids.isEmpty() || ids.size() > MAX_IDS)) {
            throw new IllegalArgumentException("audience " + kind + " needs 1 to " + MAX_IDS + " ids, got " + ids.size());
        }
        if (!needsIds && !ids.isEmpty()) {
            throw new IllegalArgumentException("audience " + kind + " takes no ids");
        }
        if (Set.copyOf(ids).size() != ids.size()) {
            throw new IllegalArgumentException("audience ids must be distinct");
        }
    }

    public static Audience school() {
        return new Audience(Kind.SCHOOL, List.of());
    }

    public static Audience staff() {
        return new Audience(Kind.STAFF, List.of());
    }

    public static Audience groups(List<UUID> groupIds) {
        return new Audience(Kind.GROUPS, groupIds);
    }

    public static Audience guardiansOf(List<UUID> pupilIds) {
        return new Audience(Kind.GUARDIANS, pupilIds);
    }

    public static Audience users(List<UUID> accountIds) {
        return new Audience(Kind.USERS, accountIds);
    }
}
