/**
 * The chat sync: every group's two conversations in the chat server (announcement channel, parent group chat), the
 * chat's school directory, the school's chat module switch, and revocations of chat connections, kept in step with portal-api's tables through the
 * chat server's internal HTTP API. Durable (work is recorded in Cassandra in the request that causes it) and
 * self-healing (a background reconciler converges from portal's tables, retrying with backoff). docs/portal-api.md.
 */
@NullMarked
package nl.klaslijn.portal.chatsync;

import org.jspecify.annotations.NullMarked;
