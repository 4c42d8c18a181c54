/** Accounts (global, one per person across schools): credentials, login, refresh tokens, logout, password change. */
@NullMarked
package nl.klaslijn.portal.accounts;

import org.jspecify.annotations.NullMarked;
