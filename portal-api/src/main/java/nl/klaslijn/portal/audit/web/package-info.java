/** HTTP endpoints of the audit log. */
@NullMarked
package nl.klaslijn.portal.audit.web;

import org.jspecify.annotations.NullMarked;
