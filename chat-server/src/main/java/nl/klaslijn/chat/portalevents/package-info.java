/**
 * Portal events on the chat side (issue 12, docs/events.md): portal-api's relay posts them to the internal API
 * ({@code PortalEventRoutes}); {@link nl.klaslijn.chat.portalevents.PortalEvents} claims each event id once, gives it a
 * Snowflake id, stores it in the school's event log and publishes it once on the school's broker channel;
 * {@link nl.klaslijn.chat.portalevents.PortalEventHandler} re-checks the audience per recipient at delivery. Tables:
 * {@code portal_event_claims}, {@code portal_event_log}, {@code portal_event_modules}, {@code pupil_guardians} (V007).
 */
@NullMarked
package nl.klaslijn.chat.portalevents;

import org.jspecify.annotations.NullMarked;
