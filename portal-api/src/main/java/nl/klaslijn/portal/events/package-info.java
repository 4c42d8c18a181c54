/**
 * Portal events (docs/events.md): {@link nl.klaslijn.portal.events.PortalEvents}, the service every module records
 * its {@link nl.klaslijn.common.events.PortalEvent}s with in the request that makes the change (an outbox in
 * Cassandra), the relay that delivers the outbox to the chat server at least once and enqueues each event's
 * notification job, and the producers of the portal's own events (modules, groups, the welcome text), which listen to
 * the features' domain events. No feature's store is used here.
 */
@NullMarked
package nl.klaslijn.portal.events;

import org.jspecify.annotations.NullMarked;
