package nl.klaslijn.portal.privacy;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.klaslijn.portal.request.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Contact profiles and privacy choices of guardians and staff, per school. Callers pass the access gates first.
 * A guardian or staff member without a saved profile has the defaults ({@link GuardianProfile#empty},
 * {@link StaffProfile#empty}).
 *
 * <p><b>For the chat sync:</b> {@link #contactByStaffOnly(UUID, UUID)} and {@link #staffContactOnly(UUID, Collection)}
 * tell whether a guardian chose to be contacted by staff only, i.e. must not be offered to, or added by, other
 * parents in a direct (1:1) conversation. Saving a guardian profile publishes {@link GuardianProfileSaved}.
 */
@Service
public class Profiles {

    private final ProfileStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Profiles(ProfileStore store, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    public GuardianProfile guardian(UUID schoolId, UUID guardianId) {
        return store.guardian(schoolId, guardianId).orElseGet(() -> GuardianProfile.empty(schoolId, guardianId));
    }

    /** The profiles of these guardians of one school, defaults for those without one. */
    public Map<UUID, GuardianProfile> guardians(UUID schoolId, Collection<UUID> guardianIds) {
        Map<UUID, GuardianProfile> saved = store.guardians(schoolId, Set.copyOf(guardianIds)).stream()
                .collect(Collectors.toMap(GuardianProfile::guardianId, Function.identity()));
        Map<UUID, GuardianProfile> all = new HashMap<>();
        guardianIds.forEach(id -> all.put(id, saved.getOrDefault(id, GuardianProfile.empty(schoolId, id))));
        return all;
    }

    /**
     * Replaces the guardian's details and choices (the whole profile); returns it as saved. Publishes
     * {@link GuardianProfileSaved} (the chat sync passes the staff-only choice on to the chat's directory).
     */
    public GuardianProfile saveGuardian(UUID schoolId, UUID guardianId, ContactDetails details, Set<ContactField> shared,
            boolean visibleToOtherGuardians, boolean staffContactOnly) {
        GuardianProfile profile = new GuardianProfile(schoolId, guardianId, details, shared, visibleToOtherGuardians,
                staffContactOnly, clock.instant());
        store.save(profile);
        events.publishEvent(new GuardianProfileSaved(schoolId, guardianId, staffContactOnly));
        return profile;
    }

    /**
     * True if the guardian chose "contact by staff only": staff may start conversations with them, other parents may
     * not (no parent-to-parent direct chats). False for guardians who did not choose it (the default) and for ids
     * without a profile. For the chat sync and anything else that connects parents.
     */
    public boolean contactByStaffOnly(UUID schoolId, UUID guardianId) {
        return store.guardian(schoolId, guardianId).map(GuardianProfile::staffContactOnly).orElse(false);
    }

    /** Those of {@code guardianIds} (one school) who chose "contact by staff only"; one read. */
    public Set<UUID> staffContactOnly(UUID schoolId, Collection<UUID> guardianIds) {
        return store.guardians(schoolId, Set.copyOf(guardianIds)).stream().filter(GuardianProfile::staffContactOnly)
                .map(GuardianProfile::guardianId).collect(Collectors.toUnmodifiableSet());
    }

    /** Deletes a guardian's profile (the guardian left the school). */
    public void eraseGuardian(UUID schoolId, UUID guardianId) {
        store.deleteGuardian(schoolId, guardianId);
    }

    public StaffProfile staff(UUID schoolId, UUID staffId) {
        return store.staff(schoolId, staffId).orElseGet(() -> StaffProfile.empty(schoolId, staffId));
    }

    /** The saved staff profiles of a school by staff id (staff without one are absent: they have the defaults). */
    public Map<UUID, StaffProfile> allStaff(UUID schoolId) {
        return store.allStaff(schoolId).stream().collect(Collectors.toMap(StaffProfile::staffId, Function.identity()));
    }

    /**
     * Replaces a staff member's details and shared fields. {@code details.address} must be null and ADDRESS not
     * shared (400 {@code address-not-shareable}).
     */
    public StaffProfile saveStaff(UUID schoolId, UUID staffId, ContactDetails details, Set<ContactField> shared) {
        if (details.address() != null || shared.contains(ContactField.ADDRESS)) {
            throw ApiException.badRequest("address-not-shareable", "Staff profiles have no address.");
        }
        StaffProfile profile = new StaffProfile(schoolId, staffId, details, shared, clock.instant());
        store.save(profile);
        return profile;
    }
}
