package nl.klaslijn.portal.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (synchronously, after the write) when every session of an account was ended at {@code at}: logout
 * everywhere, or a password change. Listeners run in the request that ended them.
 */
public record SessionsEnded(UUID accountId, Instant at) {}
