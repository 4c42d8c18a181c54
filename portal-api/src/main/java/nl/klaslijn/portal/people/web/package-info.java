/** HTTP endpoints of the people feature. */
@NullMarked
package nl.klaslijn.portal.people.web;

import org.jspecify.annotations.NullMarked;
