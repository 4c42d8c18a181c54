/** HTTP endpoints of the module switches. */
@NullMarked
package nl.klaslijn.portal.modules.web;

import org.jspecify.annotations.NullMarked;
