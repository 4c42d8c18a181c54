/** HTTP endpoints of the onboarding feature. */
@NullMarked
package nl.klaslijn.portal.onboarding.web;

import org.jspecify.annotations.NullMarked;
