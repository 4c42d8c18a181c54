/**
 * Bulk administration of a school: the CSV import of groups, pupils and guardians (all rows valid or nothing
 * written; re-runnable without duplicates) and the year-end move of pupils to their next group.
 */
@NullMarked
package nl.klaslijn.portal.imports;

import org.jspecify.annotations.NullMarked;
