package nl.klaslijn.portal.privacy;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Contact details as one viewer may see them: a field is null when empty or not visible to that viewer. */
public record ContactDetails(@Nullable String phone, @Nullable String email, @Nullable String address,
        @Nullable String photoUrl) {

    public static final ContactDetails NONE = new ContactDetails(null, null, null, null);

    /** Only the given fields of these details. */
    public ContactDetails only(Set<ContactField> visible) {
        return new ContactDetails(visible.contains(ContactField.PHONE) ? phone : null,
                visible.contains(ContactField.EMAIL) ? email : null,
                visible.contains(ContactField.ADDRESS) ? address : null,
                visible.contains(ContactField.PHOTO) ? photoUrl : null);
    }
}
