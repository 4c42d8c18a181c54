package nl.klaslijn.chat.it;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node ids for the nodes the tests start in this JVM: each its own, since a node id is leased (two running
 * nodes never share one). Starts above the fixed ids some tests give child nodes (below 100).
 */
final class TestNodeIds {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private TestNodeIds() {}

    static int next() {
        return NEXT.getAndIncrement();
    }
}
