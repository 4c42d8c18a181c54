package nl.klaslijn.portal.modules;

import java.util.UUID;

/**
 * Published (as a Spring application event, after the write) when an administrator changed a school's module
 * switches. {@code modules} is the complete new state. The realtime side listens for it to hide what is off; it is
 * published synchronously on the request thread, so listeners must be quick or hand the work off.
 */
public record ModulesChanged(UUID schoolId, ModuleSwitches modules) {}
