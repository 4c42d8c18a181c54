/**
 * Short-lived access tokens (ES256 JWTs with {@code aud}, {@code typ} and {@code kid}): portal-api signs them
 * ({@link nl.klaslijn.common.auth.TokenSigner}, holding the one {@link nl.klaslijn.common.auth.SigningKey});
 * both services verify them ({@link nl.klaslijn.common.auth.TokenVerifier}, holding public
 * {@link nl.klaslijn.common.auth.VerificationKeys} only). Also the checks every configured key passes
 * ({@link nl.klaslijn.common.auth.KeySettings}).
 */
@NullMarked
package nl.klaslijn.common.auth;

import org.jspecify.annotations.NullMarked;
