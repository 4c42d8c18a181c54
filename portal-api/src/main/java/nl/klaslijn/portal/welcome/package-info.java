/** The first-login welcome: the school's welcome text, a checklist, and whether the person acknowledged it. */
@NullMarked
package nl.klaslijn.portal.welcome;

import org.jspecify.annotations.NullMarked;
