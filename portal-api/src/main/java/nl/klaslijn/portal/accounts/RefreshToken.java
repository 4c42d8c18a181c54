package nl.klaslijn.portal.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored refresh token (known only by its hash). {@code usedAt} is set when it was rotated. */
record RefreshToken(UUID accountId, UUID schoolId, UUID familyId, Instant expiresAt, @Nullable Instant usedAt) {}
