package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class WebSocketFrameHandlerTest {

    private final List<Object> received = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocketFrameHandler(16, 1000),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.add(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    events.add(evt);
                }
            });

    @AfterEach
    void release() {
        received.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CloseWebSocketFrame closeSent() {
        Object out = channel.readOutbound();
        assertThat(out).isInstanceOf(CloseWebSocketFrame.class);
        return (CloseWebSocketFrame) out;
    }

    private void assertClosedWith(int code) {
        CloseWebSocketFrame close = closeSent();
        try {
            assertThat(close.statusCode()).isEqualTo(code);
        } finally {
            close.release();
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void passesCompleteTextMessagesUp() {
        channel.writeInbound(new TextWebSocketFrame("hello"));
        assertThat(received).hasSize(1);
        assertThat(((TextWebSocketFrame) received.get(0)).text()).isEqualTo("hello");
    }

    @Test
    void aggregatesFragmentsIntoOneMessage() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(utf8("he"))));
        channel.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(utf8("l"))));
        assertThat(received).isEmpty();
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(utf8("lo"))));
        assertThat(received).hasSize(1);
        TextWebSocketFrame message = (TextWebSocketFrame) received.get(0);
        assertThat(message.isFinalFragment()).isTrue();
        assertThat(message.text()).isEqualTo("hello");
    }

    @Test
    void aggregatesBinaryFragments() {
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {3})));
        assertThat(received).hasSize(1);
        assertThat(((BinaryWebSocketFrame) received.get(0)).content().readableBytes()).isEqualTo(3);
    }

    @Test
    void answersPingWithPongOfSamePayloadAndReportsKeepalive() {
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(utf8("p"))));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("p");
        pong.release();
        channel.writeInbound(new PongWebSocketFrame());
        assertThat(received).containsExactly(WebSocketFrameHandler.KEEPALIVE, WebSocketFrameHandler.KEEPALIVE);
    }

    @Test
    void closesWithSlowConsumerInsteadOfQueueingAPongPastTheOutboundCap() {
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // a peer that does not read: nothing leaves
            }
        }, new WebSocketFrameHandler(16, 1000, 1000), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                seen.add(evt);
            }
        });
        int pings = 0;
        while (seen.isEmpty() && pings < 100) {
            ch.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[100])));
            pings++;
            assertThat(ch.unsafe().outboundBuffer().totalPendingWriteBytes()).isLessThanOrEqualTo(1000 + 200);
        }
        assertThat(seen).containsExactly(WebSocketFrameHandler.OUTBOUND_FULL);
        assertThat(pings).isLessThan(10);
        ch.pipeline().removeFirst(); // let the queued frames out
        ch.flush();
        int pongs = 0;
        Object out;
        while ((out = ch.readOutbound()) instanceof PongWebSocketFrame pong) {
            pong.release();
            pongs++;
        }
        assertThat(pongs).isEqualTo(pings - 1);
        CloseWebSocketFrame close = (CloseWebSocketFrame) out;
        assertThat(close.statusCode()).isEqualTo(1008);
        assertThat(close.reasonText()).isEqualTo("slow-consumer");
        close.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void echoesCloseCodeThenClosesConnection() {
        channel.writeInbound(new CloseWebSocketFrame(4001, "bye"));
        assertClosedWith(4001);
    }

    @Test
    void answersEmptyCloseWithEmptyClose() {
        channel.writeInbound(new CloseWebSocketFrame(true, 0));
        CloseWebSocketFrame close = closeSent();
        assertThat(close.content().readableBytes()).isZero();
        close.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersReservedCloseCodeWithProtocolError() {
        channel.writeInbound(new CloseWebSocketFrame(true, 0, Unpooled.buffer().writeShort(1005)));
        assertClosedWith(1002);
    }

    @Test
    void turnsDecoderViolationsIntoProtocolErrorClose() {
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "Invalid close frame body"));
        assertClosedWith(1007);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesWith1007OnInvalidUtf8InSingleFrame() {
        channel.writeInbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0xC0, (byte) 0x80})));
        assertThat(received).isEmpty();
        assertClosedWith(1007);
    }

    @Test
    void failsFastOnInvalidUtf8InFirstFragment() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {'a', (byte) 0xED, (byte) 0xA0})));
        assertClosedWith(1007);
    }

    @Test
    void acceptsCodePointSplitAcrossFragments() {
        byte[] euro = utf8("€");
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(euro, 0, 1)));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(euro, 1, 2)));
        assertThat(((TextWebSocketFrame) received.get(0)).text()).isEqualTo("€");
    }

    @Test
    void rejectsMessageEndingInsideCodePoint() {
        byte[] euro = utf8("€");
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(euro, 0, 1)));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(euro, 1, 1)));
        assertThat(received).isEmpty();
        assertClosedWith(1007);
    }

    @Test
    void announcesThenCloses1009WhenFragmentsExceedLimit() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(utf8("0123456789"))));
        channel.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(utf8("0123456789"))));
        assertThat(events).containsExactly(WebSocketFrameHandler.MESSAGE_TOO_LARGE);
        assertThat(received).isEmpty();
        assertClosedWith(1009);
    }

    @Test
    void treatsDecoderTooBigAsTooLarge() {
        channel.pipeline().fireExceptionCaught(new CorruptedWebSocketFrameException(
                WebSocketCloseStatus.MESSAGE_TOO_BIG, "Max frame length of 16 has been exceeded."));
        assertThat(events).containsExactly(WebSocketFrameHandler.MESSAGE_TOO_LARGE);
        assertClosedWith(1009);
    }

    @Test
    void sendsOnlyOneCloseFrameAndDropsDataAfterIt() {
        channel.writeOutbound(new CloseWebSocketFrame(1000, "first"));
        assertThat(channel.isOpen()).isFalse();
        CloseWebSocketFrame first = channel.readOutbound();
        first.release();
        EmbeddedChannel open = new EmbeddedChannel(new WebSocketFrameHandler(16, 1000));
        open.writeAndFlush(new CloseWebSocketFrame(1000, "first"));
        open.writeAndFlush(new TextWebSocketFrame("late"));
        open.writeAndFlush(Unpooled.wrappedBuffer(utf8("a ready frame, late as well")));
        open.writeAndFlush(new CloseWebSocketFrame(1001, "second"));
        List<WebSocketFrame> written = new ArrayList<>();
        for (Object o; (o = open.readOutbound()) != null; ) {
            written.add((WebSocketFrame) o);
        }
        assertThat(written).hasSize(1);
        assertThat(((CloseWebSocketFrame) written.get(0)).reasonText()).isEqualTo("first");
        written.forEach(WebSocketFrame::release);
        open.finishAndReleaseAll();
    }

    @Test
    void closesTheConnectionWhenThePeerAnswersOurClose() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameHandler(16, 60_000));
        // Hold the close frame in the outbound buffer (no flush reaches the peer until we say so).
        ch.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // swallow: simulates a peer that has not read yet
            }
        });
        ch.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));
        assertThat(ch.isOpen()).isTrue();
        ch.writeInbound(new TextWebSocketFrame("ignored after our close"));
        ch.writeInbound(new CloseWebSocketFrame(1000, ""));
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void forcesTheCloseAfterTheGraceWhenTheWriteNeverCompletes() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameHandler(16, 2000));
        ch.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // a client that never reads: the close frame is never written
            }
        });
        ch.writeAndFlush(new CloseWebSocketFrame(1008, "slow-consumer"));
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(2001, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }
}
