/** HTTP endpoints of one's own contact profile and privacy choices. */
@NullMarked
package nl.klaslijn.portal.privacy.web;

import org.jspecify.annotations.NullMarked;
