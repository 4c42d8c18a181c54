/** HTTP plumbing shared by every feature: the bearer-token caller, problem details, body limits, client rate limits. */
@NullMarked
package nl.klaslijn.portal.http;

import org.jspecify.annotations.NullMarked;
