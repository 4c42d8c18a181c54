/** Spring Boot hosting of a chat node: configuration, the embedded Cassandra node, the startup report. */
@NullMarked
package nl.klaslijn.chat.app;

import org.jspecify.annotations.NullMarked;
