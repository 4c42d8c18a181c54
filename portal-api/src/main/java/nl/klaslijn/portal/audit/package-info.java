/**
 * The audit log: who read or changed medical data and who deleted a pupil's data, per school and per pupil. Entries
 * hold ids, actions and field names, never values.
 */
@NullMarked
package nl.klaslijn.portal.audit;

import org.jspecify.annotations.NullMarked;
