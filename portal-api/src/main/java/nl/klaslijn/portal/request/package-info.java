/**
 * What every feature's web layer and gates share, importing nothing else of the portal: the request's caller (who the
 * account is at the school: {@link nl.klaslijn.portal.request.Membership}, {@link nl.klaslijn.portal.request.StaffRole}),
 * the API errors that become problem details, and the attempt limiter. A leaf, so the features never import each
 * other through it.
 */
@NullMarked
package nl.klaslijn.portal.request;

import org.jspecify.annotations.NullMarked;
