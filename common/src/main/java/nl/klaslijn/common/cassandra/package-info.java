/**
 * Cassandra access shared by the services: connection settings ({@link
 * nl.klaslijn.common.cassandra.CassandraSettings}), driver sessions configured one way ({@link
 * nl.klaslijn.common.cassandra.CassandraSessions}) and versioned CQL schema migrations ({@link
 * nl.klaslijn.common.cassandra.SchemaMigrator}).
 */
@NullMarked
package nl.klaslijn.common.cassandra;

import org.jspecify.annotations.NullMarked;
