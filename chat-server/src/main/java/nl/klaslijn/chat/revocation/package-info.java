/**
 * Session revocation: portal-api revokes a user's sessions at a school (logout everywhere, password
 * change, removal); every node closes that user's live connections there and refuses tokens issued
 * before the revocation.
 */
@NullMarked
package nl.klaslijn.chat.revocation;

import org.jspecify.annotations.NullMarked;
