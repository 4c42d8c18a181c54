package nl.klaslijn.portal.onboarding;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What redeeming a token linked to an account: a pupil (guardian tokens) or a staff record (staff tokens). */
public record Redeemed(UUID schoolId, @Nullable UUID pupilId, @Nullable UUID guardianId, @Nullable UUID staffId) {}
