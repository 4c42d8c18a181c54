package nl.klaslijn.portal.welcome;

import java.util.UUID;

/**
 * Published (synchronously, after the write) when an administrator set the school's welcome text. Listeners run in the
 * request that made the change; a listener that throws fails that request.
 */
public record WelcomeTextChanged(UUID schoolId) {}
