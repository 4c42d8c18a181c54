/** HTTP endpoints of the group and school information pages. */
@NullMarked
package nl.klaslijn.portal.directory.web;

import org.jspecify.annotations.NullMarked;
