/** portal-api: the REST API of the school portal. Features are packages; see docs/portal-api.md. */
@NullMarked
package nl.klaslijn.portal;

import org.jspecify.annotations.NullMarked;
