package nl.klaslijn.portal.privacy.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import nl.klaslijn.portal.privacy.ContactDetails;
import nl.klaslijn.portal.privacy.ContactField;
import org.jspecify.annotations.Nullable;

/** Request bodies of the profile endpoints. A PUT replaces the whole profile; an absent or blank detail is removed. */
final class ProfileRequests {

    /** Digits with an optional leading +, spaces, dashes and parentheses; 6 to 25 characters. */
    static final String PHONE = "\\+?[0-9][0-9 ()-]{5,24}";
    /** Only https URLs, no spaces. */
    static final String PHOTO_URL = "https://[^\\s]{1,490}";

    private ProfileRequests() {}

    record GuardianProfileBody(@Nullable @Pattern(regexp = PHONE) String phone,
            @Nullable @Email @Size(max = 254) String email,
            @Nullable @Size(max = 300) String address,
            @Nullable @Pattern(regexp = PHOTO_URL) String photoUrl,
            @NotNull @Size(max = 4) Set<@NotNull ContactField> sharedWithGroupParents,
            @NotNull Boolean visibleToOtherGuardians,
            @NotNull Boolean staffContactOnly) {

        ContactDetails details() {
            return new ContactDetails(clean(phone), clean(email), clean(address), clean(photoUrl));
        }
    }

    record StaffProfileBody(@Nullable @Pattern(regexp = PHONE) String phone,
            @Nullable @Email @Size(max = 254) String email,
            @Nullable @Pattern(regexp = PHOTO_URL) String photoUrl,
            @NotNull @Size(max = 3) Set<@NotNull ContactField> sharedWithSchool) {

        ContactDetails details() {
            return new ContactDetails(clean(phone), clean(email), null, clean(photoUrl));
        }
    }

    private static @Nullable String clean(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
