package nl.klaslijn.portal.app;

import java.net.InetSocketAddress;

/**
 * The local Cassandra node of the one-command start ({@code klaslijn.cassandra.embedded.enabled=true}), started by
 * {@link LocalCassandraConfiguration} only when devstack is on the class path: the {@code -local.jar} that
 * {@code ./klaslijn start} runs has it, the production {@code -exec.jar} does not.
 */
record LocalCassandra(InetSocketAddress contactPoint, AutoCloseable node) implements AutoCloseable {

    static final String NOT_IN_THIS_BUILD = "klaslijn.cassandra.embedded.enabled=true starts a local Cassandra node,"
            + " which only the local-start jar (-local.jar, run by ./klaslijn start) can do; in production set it to"
            + " false and point klaslijn.cassandra.contact-points at the cluster (docs/operations.md)";

    @Override
    public void close() throws Exception {
        node.close();
    }
}
