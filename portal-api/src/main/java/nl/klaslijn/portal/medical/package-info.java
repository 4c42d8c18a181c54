/**
 * Medical data of pupils (allergies, diets, medication, emergency contact): sealed per field with AES-256-GCM bound to
 * school, pupil and field, and every read recorded in the audit log.
 */
@NullMarked
package nl.klaslijn.portal.medical;

import org.jspecify.annotations.NullMarked;
