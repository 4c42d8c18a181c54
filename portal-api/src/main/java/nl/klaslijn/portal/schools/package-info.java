/** Schools (tenants) and their groups (classes): teachers and class parents of a group. */
@NullMarked
package nl.klaslijn.portal.schools;

import org.jspecify.annotations.NullMarked;
