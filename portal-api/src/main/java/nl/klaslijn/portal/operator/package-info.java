/**
 * The operator's way in: {@code ./klaslijn admin ...} (locally) or the same class run from the production jar
 * ({@link nl.klaslijn.portal.operator.AdminCommand}). It reads portal-api's own configuration (the same
 * {@code application.yml}, profiles, environment variables and {@code --klaslijn...} arguments), mints a SERVICE
 * token of two minutes with the signing key and calls the running portal-api over HTTP, so every operator action
 * passes the same gates, validation and events as any other request. Nothing of it runs inside the server.
 */
@NullMarked
package nl.klaslijn.portal.operator;

import org.jspecify.annotations.NullMarked;
