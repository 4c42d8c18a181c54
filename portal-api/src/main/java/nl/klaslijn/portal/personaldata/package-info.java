/**
 * A person's rights over their data: the export of everything held on an account and its children, and the
 * deletion of a pupil's data when they leave the school.
 */
@NullMarked
package nl.klaslijn.portal.personaldata;

import org.jspecify.annotations.NullMarked;
