package nl.klaslijn.portal.privacy;

/** Who looks at a guardian's contact details, as far as the privacy choices are concerned. */
public enum Audience {
    /** The guardian themself. */
    SELF,
    /** Staff of the school who may see the class list (administrators, the group's teachers). */
    STAFF,
    /** Another guardian of one of the guardian's children (a partner or ex-partner). */
    OTHER_GUARDIAN,
    /** A parent of a classmate (another parent of the group). */
    GROUP_PARENT
}
