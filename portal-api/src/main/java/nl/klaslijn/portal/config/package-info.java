/** {@code klaslijn.*} settings several features read ({@link nl.klaslijn.portal.config.PortalProperties}); a leaf. */
@NullMarked
package nl.klaslijn.portal.config;

import org.jspecify.annotations.NullMarked;
