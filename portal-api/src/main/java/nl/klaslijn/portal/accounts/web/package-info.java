/** HTTP endpoints of the accounts feature. */
@NullMarked
package nl.klaslijn.portal.accounts.web;

import org.jspecify.annotations.NullMarked;
