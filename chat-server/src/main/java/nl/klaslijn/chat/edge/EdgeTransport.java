package nl.klaslijn.chat.edge;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Locale;

/**
 * The socket transport of the edge's event loops ({@code klaslijn.chat.transport}).
 *
 * <ul>
 *   <li>{@code auto} (default): epoll where the native library loads (Linux), else NIO.
 *   <li>{@code epoll}, {@code io-uring}, {@code nio}: that one; the server refuses to start when it is not
 *       available here (io_uring needs Linux 5.14+ and may be switched off by {@code kernel.io_uring_disabled}
 *       or a container's seccomp profile).
 * </ul>
 *
 * io_uring submits every write of an event-loop turn in one system call, where epoll makes one
 * {@code write} per connection; docs/benchmarks.md measures both for group delivery.
 */
public enum EdgeTransport {
    AUTO, EPOLL, IO_URING, NIO;

    /** Parses {@code auto}, {@code epoll}, {@code io-uring} or {@code nio} (case-insensitive; {@code _} for {@code -}). */
    public static EdgeTransport parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + value + "': use auto, epoll, io-uring or nio");
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
            case IO_URING:
                IoUring.ensureAvailability();
                return IO_URING;
            default:
                return NIO;
        }
    }

    /** For a resolved transport: the event loops' I/O handler. */
    IoHandlerFactory ioHandlerFactory() {
        switch (this) {
            case EPOLL:
                return EpollIoHandler.newFactory();
            case IO_URING:
                return IoUringIoHandler.newFactory();
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
            case IO_URING:
                return IoUringServerSocketChannel.class;
            case NIO:
                return NioServerSocketChannel.class;
            default:
                throw new IllegalStateException("resolve() first");
        }
    }

    /** The configuration name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
