/**
 * The demo school of the local start ({@code ./klaslijn start}, dev profile only), seeded through the portal's own
 * services, so that the chat's people come from the portal through the chat sync like any school's.
 */
@NullMarked
package nl.klaslijn.portal.demo;

import org.jspecify.annotations.NullMarked;
