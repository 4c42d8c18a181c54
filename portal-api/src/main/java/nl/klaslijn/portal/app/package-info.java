/** Spring Boot hosting of portal-api: configuration properties, Cassandra (optionally a local node), shared beans. */
@NullMarked
package nl.klaslijn.portal.app;

import org.jspecify.annotations.NullMarked;
