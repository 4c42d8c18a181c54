package nl.klaslijn.portal.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (synchronously, after the write) when one session (a refresh-token family, the {@code sid} of its
 * access tokens) was ended at {@code at}: logout of that device, or reuse of one of its refresh tokens. The
 * account's other sessions are untouched. Listeners run in the request that ended it.
 */
public record SessionEnded(UUID accountId, UUID schoolId, UUID sessionId, Instant at) {}
