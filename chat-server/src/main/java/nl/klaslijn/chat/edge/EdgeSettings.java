package nl.klaslijn.chat.edge;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the chat edge. {@link #defaults()} gives sane production values; {@link #builder()}
 * starts from them. All sizes are bytes, all durations are wall-clock.
 *
 * @param host address to bind; {@code 127.0.0.1} by default (put a proxy in front, or bind 0.0.0.0)
 * @param port TCP port; 0 binds a free port ({@link ChatEdgeServer#start()} returns it)
 * @param webSocketPath the only path that accepts the WebSocket upgrade ({@code /stomp})
 * @param allowedOrigins browser origins allowed to connect (e.g. {@code https://app.klaslijn.nl}); a request
 *     without an {@code Origin} header (native and mobile clients, server-to-server) is always allowed; an
 *     entry {@code *} allows every origin (development only). Compared case-insensitively, without trailing slash.
 * @param maxFrameBytes largest WebSocket message and so largest STOMP frame (64 KiB)
 * @param maxHeaders most headers in one STOMP frame (32)
 * @param maxHeaderLineBytes longest command or header line in a STOMP frame (8 KiB: a token is at most 4 KiB)
 * @param maxHttpRequestBytes largest plain HTTP request body the edge aggregates (64 KiB)
 * @param sendsPerSecond requests (SEND, SUBSCRIBE, UNSUBSCRIBE frames) per second a connection may sustain
 *     (token bucket refill rate)
 * @param sendBurst requests (SEND, SUBSCRIBE, UNSUBSCRIBE) a connection may send at once (token bucket size)
 * @param serverHeartbeat how often the server can send heart-beats (STOMP {@code sx}); zero disables
 * @param clientHeartbeat how often the server wants client heart-beats at most (STOMP {@code sy}); zero
 *     disables. Clients asking for more frequent heart-beats either way get these intervals.
 * @param connectTimeout time allowed between the WebSocket upgrade and a successful CONNECT
 * @param idleTimeout when no client heart-beats were negotiated: close after this much inbound silence
 *     (the server sends a WebSocket ping at half of it, which browsers answer)
 * @param httpIdleTimeout close a plain HTTP connection (before any upgrade) idle this long
 * @param writeBufferLowWaterMark channel becomes writable again below this many pending outbound bytes
 * @param writeBufferHighWaterMark channel becomes unwritable above this many pending outbound bytes
 * @param maxPendingOutboundBytes hard cap: a connection with more pending outbound bytes is a slow consumer
 *     and is closed with {@code slow-consumer}
 * @param closeGrace after a close frame is queued, force the TCP close after this long
 * @param shutdownTimeout bound on {@link ChatEdgeServer#stop()}
 * @param timerTick resolution of the per-event-loop heart-beat and idle timer
 * @param ioThreads event loop threads; 0 means Netty's default (twice the cores)
 * @param transport the event loops' socket transport ({@link EdgeTransport}; {@code auto}: epoll, else NIO)
 * @param serverName value of the {@code server} header in CONNECTED
 * @param framesPerSecond inbound frames per second a connection may sustain, counting every STOMP frame,
 *     heart-beat, WebSocket ping and pong (a second, generous token bucket beside the request bucket)
 * @param frameBurst inbound frames a connection may send at once (that bucket's size)
 * @param maxPipelinedHttpRequests plain HTTP requests a connection may have waiting for their replies
 *     (pipelining); reading stops while any reply is unwritten, and a connection past this many is closed
 */
public record EdgeSettings(
        String host,
        int port,
        String webSocketPath,
        List<String> allowedOrigins,
        int maxFrameBytes,
        int maxHeaders,
        int maxHeaderLineBytes,
        int maxHttpRequestBytes,
        double sendsPerSecond,
        int sendBurst,
        Duration serverHeartbeat,
        Duration clientHeartbeat,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration httpIdleTimeout,
        int writeBufferLowWaterMark,
        int writeBufferHighWaterMark,
        long maxPendingOutboundBytes,
        Duration closeGrace,
        Duration shutdownTimeout,
        Duration timerTick,
        int ioThreads,
        EdgeTransport transport,
        String serverName,
        double framesPerSecond,
        int frameBurst,
        int maxPipelinedHttpRequests) {

    public EdgeSettings {
        allowedOrigins = allowedOrigins.stream().map(EdgeSettings::normalizeOrigin).toList();
        if (!webSocketPath.startsWith("/")) {
            throw new IllegalArgumentException("webSocketPath must start with /: " + webSocketPath);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        positive("maxFrameBytes", maxFrameBytes);
        positive("maxHeaders", maxHeaders);
        positive("maxHeaderLineBytes", maxHeaderLineBytes);
        positive("maxHttpRequestBytes", maxHttpRequestBytes);
        positive("sendBurst", sendBurst);
        positive("frameBurst", frameBurst);
        positive("maxPipelinedHttpRequests", maxPipelinedHttpRequests);
        if (!(framesPerSecond > 0)) {
            throw new IllegalArgumentException("framesPerSecond must be > 0");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0 (0: Netty's default): " + ioThreads);
        }
        java.util.Objects.requireNonNull(transport, "transport");
        if (!(sendsPerSecond > 0)) {
            throw new IllegalArgumentException("sendsPerSecond must be > 0");
        }
        if (writeBufferLowWaterMark > writeBufferHighWaterMark || writeBufferHighWaterMark > maxPendingOutboundBytes) {
            throw new IllegalArgumentException("need low water mark <= high water mark <= maxPendingOutboundBytes");
        }
        for (Duration d : List.of(connectTimeout, idleTimeout, httpIdleTimeout, closeGrace, shutdownTimeout, timerTick)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
        if (serverHeartbeat.isNegative() || clientHeartbeat.isNegative()) {
            throw new IllegalArgumentException("heart-beat intervals must not be negative");
        }
    }

    public static EdgeSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether a request with this {@code Origin} header value (null: none) may be served. */
    public boolean originAllowed(@Nullable String origin) {
        if (origin == null) {
            return true;
        }
        String normalized = normalizeOrigin(origin);
        return allowedOrigins.contains("*") || allowedOrigins.contains(normalized);
    }

    static String normalizeOrigin(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0");
        }
    }

    static String defaultServerName() {
        String version = EdgeSettings.class.getPackage().getImplementationVersion();
        return "klaslijn/" + (version == null ? "dev" : version);
    }

    /** Mutable builder, starting from the defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8081;
        private String webSocketPath = "/stomp";
        private List<String> allowedOrigins = List.of();
        private int maxFrameBytes = 64 * 1024;
        private int maxHeaders = 32;
        private int maxHeaderLineBytes = 8 * 1024;
        private int maxHttpRequestBytes = 64 * 1024;
        private double sendsPerSecond = 10;
        private int sendBurst = 30;
        private Duration serverHeartbeat = Duration.ofSeconds(10);
        private Duration clientHeartbeat = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration httpIdleTimeout = Duration.ofSeconds(30);
        private int writeBufferLowWaterMark = 32 * 1024;
        private int writeBufferHighWaterMark = 64 * 1024;
        private long maxPendingOutboundBytes = 1024 * 1024;
        private Duration closeGrace = Duration.ofSeconds(2);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private Duration timerTick = Duration.ofSeconds(1);
        private int ioThreads = 0;
        private EdgeTransport transport = EdgeTransport.AUTO;
        private String serverName = defaultServerName();
        private double framesPerSecond = 20;
        private int frameBurst = 100;
        private int maxPipelinedHttpRequests = 16;

        Builder() {}

        Builder(EdgeSettings s) {
            host = s.host;
            port = s.port;
            webSocketPath = s.webSocketPath;
            allowedOrigins = s.allowedOrigins;
            maxFrameBytes = s.maxFrameBytes;
            maxHeaders = s.maxHeaders;
            maxHeaderLineBytes = s.maxHeaderLineBytes;
            maxHttpRequestBytes = s.maxHttpRequestBytes;
            sendsPerSecond = s.sendsPerSecond;
            sendBurst = s.sendBurst;
            serverHeartbeat = s.serverHeartbeat;
            clientHeartbeat = s.clientHeartbeat;
            connectTimeout = s.connectTimeout;
            idleTimeout = s.idleTimeout;
            httpIdleTimeout = s.httpIdleTimeout;
            writeBufferLowWaterMark = s.writeBufferLowWaterMark;
            writeBufferHighWaterMark = s.writeBufferHighWaterMark;
            maxPendingOutboundBytes = s.maxPendingOutboundBytes;
            closeGrace = s.closeGrace;
            shutdownTimeout = s.shutdownTimeout;
            timerTick = s.timerTick;
            ioThreads = s.ioThreads;
            transport = s.transport;
            serverName = s.serverName;
            framesPerSecond = s.framesPerSecond;
            frameBurst = s.frameBurst;
            maxPipelinedHttpRequests = s.maxPipelinedHttpRequests;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder webSocketPath(String v) { webSocketPath = v; return this; }
        public Builder allowedOrigins(List<String> v) { allowedOrigins = List.copyOf(v); return this; }
        public Builder maxFrameBytes(int v) { maxFrameBytes = v; return this; }
        public Builder maxHeaders(int v) { maxHeaders = v; return this; }
        public Builder maxHeaderLineBytes(int v) { maxHeaderLineBytes = v; return this; }
        public Builder maxHttpRequestBytes(int v) { maxHttpRequestBytes = v; return this; }
        public Builder sendsPerSecond(double v) { sendsPerSecond = v; return this; }
        public Builder sendBurst(int v) { sendBurst = v; return this; }
        public Builder serverHeartbeat(Duration v) { serverHeartbeat = v; return this; }
        public Builder clientHeartbeat(Duration v) { clientHeartbeat = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder httpIdleTimeout(Duration v) { httpIdleTimeout = v; return this; }
        public Builder writeBufferLowWaterMark(int v) { writeBufferLowWaterMark = v; return this; }
        public Builder writeBufferHighWaterMark(int v) { writeBufferHighWaterMark = v; return this; }
        public Builder maxPendingOutboundBytes(long v) { maxPendingOutboundBytes = v; return this; }
        public Builder closeGrace(Duration v) { closeGrace = v; return this; }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }
        public Builder timerTick(Duration v) { timerTick = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder transport(EdgeTransport v) { transport = v; return this; }
        public Builder serverName(String v) { serverName = v; return this; }
        public Builder framesPerSecond(double v) { framesPerSecond = v; return this; }
        public Builder frameBurst(int v) { frameBurst = v; return this; }
        public Builder maxPipelinedHttpRequests(int v) { maxPipelinedHttpRequests = v; return this; }

        public EdgeSettings build() {
            return new EdgeSettings(host, port, webSocketPath, allowedOrigins, maxFrameBytes, maxHeaders,
                    maxHeaderLineBytes, maxHttpRequestBytes, sendsPerSecond, sendBurst, serverHeartbeat,
                    clientHeartbeat, connectTimeout, idleTimeout, httpIdleTimeout, writeBufferLowWaterMark,
                    writeBufferHighWaterMark, maxPendingOutboundBytes, closeGrace, shutdownTimeout, timerTick,
                    ioThreads, transport, serverName, framesPerSecond, frameBurst, maxPipelinedHttpRequests);
        }
    }
}
