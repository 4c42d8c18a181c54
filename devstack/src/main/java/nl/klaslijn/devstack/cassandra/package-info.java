/**
 * A real Apache Cassandra node for the one-command start and for tests, launched as its own JDK 17
 * JVM from the {@code cassandra-all} artifact. No class here imports a Cassandra server class: the
 * server's jars are only on the child JVM's classpath.
 *
 * <p>Entry points: {@link nl.klaslijn.devstack.cassandra.CassandraNode} (one node, any data
 * directory), {@link nl.klaslijn.devstack.cassandra.TestCassandra} (one shared node per test JVM),
 * {@link nl.klaslijn.devstack.cassandra.CassandraMain} (command line).
 */
@NullMarked
package nl.klaslijn.devstack.cassandra;

import org.jspecify.annotations.NullMarked;
