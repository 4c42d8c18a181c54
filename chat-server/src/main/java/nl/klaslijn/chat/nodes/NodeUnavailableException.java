package nl.klaslijn.chat.nodes;

/**
 * This node may not issue message ids or sync points now: its node id lease was lost or could not be
 * renewed in time, or its clock is further from Cassandra's than allowed. Clients retry on another node.
 */
public final class NodeUnavailableException extends RuntimeException {

    NodeUnavailableException(String message) {
        super(message, null, false, false);
    }
}
