package nl.klaslijn.chat.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;
import nl.klaslijn.chat.core.SessionHandler;
import nl.klaslijn.common.auth.AccessToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated STOMP connection as the chat core sees it.
 *
 * <p>Threads: {@link #deliver}, {@link #send}, {@link #close} and {@link #isOpen} may be called from any
 * thread and never block. Frames are encoded on the caller's thread; a MESSAGE is written as the complete
 * WebSocket frame {@link StompEncoder#framedMessage} made once for all its recipients. On the event loop they are written
 * without flushing, and the first write after a flush schedules one flush task, which runs after the
 * writes already queued, so a burst of deliveries costs one flush (one syscall) per event-loop turn. From
 * another thread they go through the loop's {@link LoopMailbox}: one task per burst for all connections
 * of the loop, then one flush per connection. (Measured against
 * Netty's {@code FlushConsolidationHandler}: the same CPU per message within noise, without a handler,
 * context and task object per connection; see {@code FlushCoalescingBench}.) Everything else here runs on
 * the channel's event loop.
 *
 * <p>Bounded outbound: before each write on the event loop (a frame from the mailbox and the server's
 * heart-beats and pings included) the pending outbound bytes plus the bytes of the frame about to be
 * written are compared with {@link EdgeSettings#maxPendingOutboundBytes()}; a frame that would pass it is
 * not written: the client is not reading, and the connection closes itself with {@code slow-consumer} and
 * drops later frames. So the pending bytes never exceed the cap by more than the closing ERROR and close
 * frames, except for one frame larger than the cap itself, which is written onto an empty queue only.
 *
 * <p>Memory: this object is most of what the edge keeps per idle connection; its fields are few and
 * primitive. The event loop's {@link ConnectionTimer} links connections through {@link #prev}/{@link #next}
 * instead of holding them in a collection.
 */
public final class NettyConnection implements Connection, Runnable {

    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicIntegerFieldUpdater<NettyConnection> STATE =
            AtomicIntegerFieldUpdater.newUpdater(NettyConnection.class, "state");

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private final Channel channel;
    private final long id;
    private volatile AccessToken principal;
    private final ConnectionTimer timer;
    private final long maxPendingOutboundBytes;
    private final int sendEveryMillis;
    private final int expectEveryMillis;
    private volatile int state;
    private @Nullable SessionHandler session;

    // Event loop only.
    private boolean flushScheduled;
    /** Set by {@link LoopMailbox} while this connection waits for the flush at the end of its batch. */
    boolean inFlushBatch;
    long lastReadMillis;
    long lastWriteMillis;
    @Nullable NettyConnection prev;
    @Nullable NettyConnection next;

    /**
     * @param sendEveryMillis negotiated interval of server heart-beats, 0 for none
     * @param expectEveryMillis negotiated interval of client heart-beats, 0 for none (then the idle timeout applies)
     */
    NettyConnection(Channel channel, AccessToken principal, ConnectionTimer timer, long maxPendingOutboundBytes,
            int sendEveryMillis, int expectEveryMillis) {
        this.channel = channel;
        this.id = IDS.incrementAndGet();
        this.principal = principal;
        this.timer = timer;
        this.maxPendingOutboundBytes = maxPendingOutboundBytes;
        this.sendEveryMillis = sendEveryMillis;
        this.expectEveryMillis = expectEveryMillis;
        this.lastReadMillis = timer.now();
        this.lastWriteMillis = lastReadMillis;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public AccessToken principal() {
        return principal;
    }

    @Override
    public void renew(AccessToken fresh) {
        principal = fresh;
    }

    @Override
    public void deliver(String subscriptionId, ServerFrame message) {
        if (state != OPEN) {
            return;
        }
        // The complete WebSocket frame, encoded once per message and shared by every recipient; wrapping it
        // costs one small object. It passes the WebSocket encoder untouched (see WebSocketFrameHandler#write).
        writeOrPost(Unpooled.wrappedBuffer(message.encodedFor(subscriptionId, StompEncoder::framedMessage)));
    }

    @Override
    public void send(ServerFrame message) {
        if (state != OPEN) {
            return;
        }
        writeOrPost(new TextWebSocketFrame(StompEncoder.frame(channel.alloc(), message)));
    }

    /** On the event loop: write now (unless past the outbound cap); from another thread: through the loop's mailbox. */
    private void writeOrPost(Object frame) {
        if (!channel.eventLoop().inEventLoop()) {
            timer.mailbox().post(this, frame);
        } else if (admit(frame)) {
            channel.write(frame, channel.voidPromise());
        } else {
            io.netty.util.ReferenceCountUtil.release(frame);
        }
    }

    /**
     * Event loop, from {@link LoopMailbox}: writes a frame posted by another thread, unless the
     * connection closed or passed its outbound cap meanwhile. Marks the flush as scheduled so the write
     * does not schedule a flush task of its own; the mailbox flushes once after its batch. Returns whether
     * it wrote.
     */
    boolean writeFromMailbox(Object frame) {
        if (!admit(frame)) {
            io.netty.util.ReferenceCountUtil.release(frame);
            return false;
        }
        flushScheduled = true;
        channel.write(frame, channel.voidPromise());
        return true;
    }

    /** Event loop, from {@link LoopMailbox}: the flush after a batch. */
    void flushNow() {
        run();
    }

    @Override
    public void close(ErrorCode code, String message, @Nullable String receiptId) {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            Closing.withError(channel, code, message, receiptId);
        }
    }

    /** DISCONNECT: the RECEIPT (if asked), then a normal WebSocket close. */
    void disconnect(@Nullable String receiptId) {
        if (STATE.compareAndSet(this, OPEN, CLOSING)) {
            if (receiptId != null) {
                channel.write(new TextWebSocketFrame(StompEncoder.frame(channel.alloc(), ServerFrame.receipt(receiptId))),
                        channel.voidPromise());
            }
            Closing.normally(channel);
        }
    }

    @Override
    public boolean isOpen() {
        return state == OPEN && channel.isActive();
    }

    /** Bytes written to this connection and not yet taken by the socket (tests and diagnostics). */
    public long pendingOutboundBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /**
     * Whether {@code frame} may be written now: open, and pending plus its own bytes within the cap. A
     * single frame larger than the cap (a long history page) is written only onto an empty queue.
     */
    private boolean admit(Object frame) {
        if (state != OPEN) {
            return false;
        }
        long pending = pendingOutboundBytes();
        if (pending > 0 && pending + wireBytes(frame) > maxPendingOutboundBytes) {
            log.info("connection {}: a frame would take it past {} pending bytes, closing as slow consumer", id,
                    maxPendingOutboundBytes);
            close(ErrorCode.SLOW_CONSUMER, "client is not reading fast enough");
            return false;
        }
        return true;
    }

    /** What Netty's outbound buffer counts per queued message beyond its bytes (its default entry overhead). */
    private static final int QUEUE_ENTRY_BYTES = 96;

    /**
     * The pending bytes a frame adds once queued: a ready WebSocket frame (ByteBuf) its bytes; a WebSocket
     * frame its payload plus the largest server frame header (10 bytes); each plus the queue's entry overhead.
     */
    static long wireBytes(Object frame) {
        if (frame instanceof io.netty.buffer.ByteBuf wire) {
            return wire.readableBytes() + QUEUE_ENTRY_BYTES;
        }
        if (frame instanceof io.netty.buffer.ByteBufHolder holder) {
            return holder.content().readableBytes() + 10L + QUEUE_ENTRY_BYTES;
        }
        return QUEUE_ENTRY_BYTES;
    }

    /** Event loop only: a write went out; make sure one flush follows in this loop turn. */
    void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(this);
        }
    }

    /** The coalesced flush. */
    @Override
    public void run() {
        flushScheduled = false;
        lastWriteMillis = timer.now();
        channel.flush();
    }

    // ---- event loop only ----

    void attach(SessionHandler session) {
        this.session = session;
    }

    @Nullable SessionHandler session() {
        return session;
    }

    boolean isAccepting() {
        return state == OPEN;
    }

    void markRead() {
        lastReadMillis = timer.now();
    }

    /** The channel closed: unregister and tell the core, once. */
    void closed() {
        if (STATE.getAndSet(this, CLOSED) == CLOSED) {
            return;
        }
        timer.remove(this);
        SessionHandler s = session;
        if (s != null) {
            try {
                s.onClose();
            } catch (RuntimeException e) {
                log.warn("session handler of connection {} failed in onClose", id, e);
            }
        }
    }

    /** Called by the timer every tick: token expiry (against {@code wallNowMillis}), heart-beats out, liveness in. */
    void onTick(long now, long tickMillis, long idleTimeoutMillis, long wallNowMillis) {
        if (state != OPEN) {
            return;
        }
        if (wallNowMillis >= principal.expiresAt().toEpochMilli()) {
            close(ErrorCode.TOKEN_EXPIRED, "the access token expired; send a fresh one to /app/token before it does");
            return;
        }
        long silence = now - lastReadMillis;
        if (expectEveryMillis > 0) {
            if (silence > 2L * expectEveryMillis + tickMillis) {
                close(ErrorCode.IDLE_TIMEOUT, "no heart-beat from the client for " + silence + " ms");
                return;
            }
        } else if (silence > idleTimeoutMillis) {
            close(ErrorCode.IDLE_TIMEOUT, "nothing received for " + silence + " ms");
            return;
        } else if (silence >= idleTimeoutMillis / 2 && now - lastWriteMillis >= idleTimeoutMillis / 2) {
            writeOrPost(new PingWebSocketFrame()); // browsers answer pings; the pong counts as a read
            return;
        }
        if (sendEveryMillis > 0 && now - lastWriteMillis >= sendEveryMillis - tickMillis) {
            writeOrPost(new TextWebSocketFrame(StompEncoder.heartbeat(channel.alloc())));
        }
    }

    @Override
    public String toString() {
        // No user id or address: this string ends up in logs, which must hold nothing personal.
        return "NettyConnection[" + id + "]";
    }
}
