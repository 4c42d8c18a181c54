package nl.klaslijn.devstack.cassandra;

/**
 * A node did not become ready: it exited, timed out, or could not be launched. The message says
 * which, and ends with the last lines of the node's logs.
 */
public final class CassandraStartupException extends RuntimeException {

    private final boolean portInUse;

    CassandraStartupException(String message, boolean portInUse) {
        super(message);
        this.portInUse = portInUse;
    }

    /** Whether the node's logs say one of its ports was already taken. */
    public boolean portInUse() {
        return portInUse;
    }
}
