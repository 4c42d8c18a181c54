/**
 * The portal event contract (version 1): what portal-api records in its outbox, relays to chat-server's internal API
 * ({@code POST /internal/schools/{school}/events}), and chat-server delivers to each recipient's
 * {@code /user/events} subscription. {@link nl.klaslijn.common.events.PortalEvent} is the whole event;
 * {@link nl.klaslijn.common.events.Audience} says who may receive it (re-checked per recipient at fan-out);
 * {@link nl.klaslijn.common.events.EntityRef} names what changed, so a client refetches it with its own token.
 * {@link nl.klaslijn.common.events.PortalEventJson} is the one JSON form, with the 1 KB bound. {@code docs/events.md}.
 */
@NullMarked
package nl.klaslijn.common.events;

import org.jspecify.annotations.NullMarked;
