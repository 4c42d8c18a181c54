package nl.klaslijn.portal.onboarding;

import java.time.Instant;
import java.util.UUID;

/** One line of the administrator's printable list: which guardian of which pupil gets which token. Shown once. */
public record PrintedToken(UUID pupilId, String pupilName, String groupName, UUID guardianId, String guardianName,
        String token, Instant expiresAt) {}
