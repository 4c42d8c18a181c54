/** People of a school: staff with roles, pupils in groups, guardians linked to pupils. */
@NullMarked
package nl.klaslijn.portal.people;

import org.jspecify.annotations.NullMarked;
