/**
 * Contact profiles and privacy choices: a guardian's contact details with, per field, whether other parents of the
 * group may see it, whether the child's other guardians may see them, and the "contact by staff only" choice; a staff
 * member's contact details with the fields they share with the school.
 */
@NullMarked
package nl.klaslijn.portal.privacy;

import org.jspecify.annotations.NullMarked;
