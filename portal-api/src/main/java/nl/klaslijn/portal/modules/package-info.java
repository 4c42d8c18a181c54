/**
 * Module switches per school (news, calendar, ..., chat): which portal modules a school uses. Changes are published
 * as {@link nl.klaslijn.portal.modules.ModulesChanged} application events.
 */
@NullMarked
package nl.klaslijn.portal.modules;

import org.jspecify.annotations.NullMarked;
