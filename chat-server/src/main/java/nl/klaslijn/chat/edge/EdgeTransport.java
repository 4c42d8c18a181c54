package nl.klaslijn.chat.edge;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * The socket transport of the edge's event loops ({@code klaslijn.chat.transport}).
 *
 * <ul>
 *   <li>{@code auto} (default): epoll where the native library loads (Linux), else NIO.
 *   <li>{@code epoll}, {@code nio}: that one; the server refuses to start when epoll is asked for and not
 *       available here.
 * </ul>
 *
 * (io_uring was tried and measured no cheaper for group delivery on our machines, while its presence on the
 * class path made Lettuce mix io_uring options into its epoll channels; docs/benchmarks.md, section 9.)
 */
public enum EdgeTransport {
    AUTO, EPOLL, NIO;

    /** Parses {@code auto}, {@code epoll} or {@code nio} (case-insensitive). */
    public static EdgeTransport parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + value + "': use auto, epoll or nio");
        }
    }

    /** The transport this setting means on this machine: AUTO resolved, an unavailable choice refused. */
    EdgeTransport resolve() {
        switch (this) {
            case AUTO:
                return Epoll.isAvailable() ? EPOLL : NIO;
            case EPOLL:
                Epoll.ensureAvailability();
                return EPOLL;
            default:
                return NIO;
        }
    }

    /** For a resolved transport: the event loops' I/O handler. */
    IoHandlerFactory ioHandlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case NIO:
                return NioIoHandler.newFactory();
            default:
                throw new IllegalStateException("resolve() first");
        }
    }

    /** For a resolved transport: the listening socket's channel type. */
    Class<? extends ServerChannel> serverChannelType() {
        switch (this) {
            case EPOLL:
                return EpollServerSocketChannel.class;
            case NIO:
                return NioServerSocketChannel.class;
            default:
                throw new IllegalStateException("resolve() first");
        }
    }

    /** The configuration name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
