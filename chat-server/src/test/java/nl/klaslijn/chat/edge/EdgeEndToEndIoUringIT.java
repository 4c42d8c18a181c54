package nl.klaslijn.chat.edge;

import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Every {@link EdgeEndToEndIT} test again with the edge on io_uring ({@code klaslijn.chat.transport=io-uring}).
 * Runs where the kernel allows io_uring (Linux 5.14+, not disabled by sysctl or seccomp), as on our build
 * machines; elsewhere the transport cannot be chosen at all (the server refuses to start), so there is
 * nothing to test.
 */
@EnabledIf("ioUringAvailable")
class EdgeEndToEndIoUringIT extends EdgeEndToEndIT {

    static boolean ioUringAvailable() {
        return IoUring.isAvailable();
    }

    @Override
    EdgeTransport transport() {
        return EdgeTransport.IO_URING;
    }
}
