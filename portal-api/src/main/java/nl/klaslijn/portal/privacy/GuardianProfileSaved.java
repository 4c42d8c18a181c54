package nl.klaslijn.portal.privacy;

import java.util.UUID;

/**
 * Published (synchronously, after the write) every time a guardian's profile is saved, changed or not: a retry of a
 * save whose listener failed must reach the listeners again. Carries the "contact by staff only" choice as saved.
 * Listeners run in the request that made the change.
 */
public record GuardianProfileSaved(UUID schoolId, UUID guardianId, boolean staffContactOnly) {}
