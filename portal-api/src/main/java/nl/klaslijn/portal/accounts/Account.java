package nl.klaslijn.portal.accounts;

import java.time.Instant;
import java.util.UUID;

/** An account: one person's credentials, valid at every school they belong to. */
record Account(UUID accountId, String email, String passwordHash, Instant createdAt, int sessionGeneration) {}
