/**
 * Code that runs inside the Cassandra JVM, on JDK 17: compiled with {@code --release 17} from
 * {@code src/main/java17} and copied into the node's data directory at launch. Must not depend on
 * anything but the JDK (the Cassandra daemon is reached by reflection).
 */
@NullMarked
package nl.klaslijn.devstack.cassandra.child;

import org.jspecify.annotations.NullMarked;
