/** Random tokens, hashes and keyed lookups used by onboarding and accounts. */
@NullMarked
package nl.klaslijn.portal.crypto;

import org.jspecify.annotations.NullMarked;
