/** HTTP endpoints of the welcome flow. */
@NullMarked
package nl.klaslijn.portal.welcome.web;

import org.jspecify.annotations.NullMarked;
