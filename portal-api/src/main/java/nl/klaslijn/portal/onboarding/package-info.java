/** One-time registration tokens: issuing them per pupil per guardian (or per staff member) and redeeming them. */
@NullMarked
package nl.klaslijn.portal.onboarding;

import org.jspecify.annotations.NullMarked;
