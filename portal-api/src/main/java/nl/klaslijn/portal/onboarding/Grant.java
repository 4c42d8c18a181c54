package nl.klaslijn.portal.onboarding;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a registration token grants, as stored under its hash. A GUARDIAN grant names a pupil and one of the pupil's
 * guardian records; a STAFF grant names a staff record. {@code usedAt} is set once, when redeemed.
 */
record Grant(UUID schoolId, Kind kind, @Nullable UUID pupilId, @Nullable UUID guardianId, @Nullable UUID staffId,
        Instant expiresAt, boolean revoked, @Nullable Instant usedAt) {

    enum Kind { GUARDIAN, STAFF }

    String subject() {
        return kind == Kind.GUARDIAN ? guardianSubject(guardianId, pupilId) : "S:" + staffId;
    }

    /** The subject of a GUARDIAN grant for this guardian and pupil. */
    static String guardianSubject(@Nullable UUID guardianId, @Nullable UUID pupilId) {
        return "G:" + guardianId + ":" + pupilId;
    }
}
