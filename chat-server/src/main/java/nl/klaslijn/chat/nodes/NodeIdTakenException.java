package nl.klaslijn.chat.nodes;

/** Start-up refused: another running node holds this node id's lease. */
public final class NodeIdTakenException extends IllegalStateException {

    NodeIdTakenException(int nodeId, java.time.Duration ttl) {
        super("klaslijn.chat.node-id " + nodeId + " is held by another running chat node: give every node its own"
                + " klaslijn.chat.node-id (0-1023). The id of a node that crashed is free again after"
                + " klaslijn.chat.node-lease-ttl (" + ttl.toSeconds() + "s).");
    }
}
