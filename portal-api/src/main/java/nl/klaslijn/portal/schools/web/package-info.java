/** HTTP endpoints of the schools feature. */
@NullMarked
package nl.klaslijn.portal.schools.web;

import org.jspecify.annotations.NullMarked;
