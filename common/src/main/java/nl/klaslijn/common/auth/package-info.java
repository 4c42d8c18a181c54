/** Short-lived access tokens shared by portal-api (issuer) and chat-server (verifier). */
@NullMarked
package nl.klaslijn.common.auth;

import org.jspecify.annotations.NullMarked;
