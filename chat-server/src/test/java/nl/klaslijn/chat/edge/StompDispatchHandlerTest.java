package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.UUID;
import nl.klaslijn.chat.core.ChatCore;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.SessionHandler;
import nl.klaslijn.chat.core.StompCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class StompDispatchHandlerTest {

    private final StompChannel stomp = new StompChannel(StompChannel.SETTINGS.toBuilder()
            .sendsPerSecond(2).sendBurst(3).build());

    @AfterEach
    void close() {
        stomp.close();
    }

    private void subscribe(String id, String destination) {
        stomp.send(StompText.frame("SUBSCRIBE", "id", id, "destination", destination));
    }

    private void sendMessage(String destination, String body) {
        stomp.send(StompText.frameWithBody("SEND", body, "destination", destination, "content-type", "application/json"));
    }

    @Test
    void passesSendSubscribeAndUnsubscribeToTheCore() {
        stomp.connect();
        subscribe("s1", "/conversations/1");
        sendMessage("/conversations/1", "{}");
        stomp.send(StompText.frame("UNSUBSCRIBE", "id", "s1"));
        assertThat(stomp.core.frames).extracting(ClientFrame::command)
                .containsExactly(StompCommand.SUBSCRIBE, StompCommand.SEND, StompCommand.UNSUBSCRIBE);
    }

    @Test
    void deliversMessagesWithTheRecipientsSubscriptionHeader() {
        stomp.connect();
        subscribe("sub-9", "/conversations/1");
        sendMessage("/conversations/1", "{\"text\":\"hallo\"}");
        StompText.Frame message = stomp.read();
        assertThat(message.command()).isEqualTo("MESSAGE");
        assertThat(message.header("subscription")).isEqualTo("sub-9");
        assertThat(message.header("destination")).isEqualTo("/conversations/1");
        assertThat(message.body()).isEqualTo("{\"text\":\"hallo\"}");
    }

    @Test
    void closesWithRateLimitedWhenSendsExceedTheBurst() {
        stomp.connect();
        for (int i = 0; i < 3; i++) {
            sendMessage("/c", "{}");
        }
        assertThat(stomp.core.frames).hasSize(3);
        stomp.send(StompText.frame("SEND", "destination", "/c", "receipt", "r4"));
        StompText.Frame error = stomp.expectErrorAndClose("rate-limited");
        assertThat(error.header("receipt-id")).isEqualTo("r4");
        assertThat(stomp.core.frames).hasSize(3);
    }

    @Test
    void subscribeAndUnsubscribeCountTowardTheRequestRateLimit() {
        stomp.connect();
        subscribe("s1", "/c/1");
        stomp.send(StompText.frame("UNSUBSCRIBE", "id", "s1"));
        subscribe("s2", "/c/1");
        assertThat(stomp.core.frames).hasSize(3);
        stomp.send(StompText.frame("UNSUBSCRIBE", "id", "s2", "receipt", "u2"));
        StompText.Frame error = stomp.expectErrorAndClose("rate-limited");
        assertThat(error.header("receipt-id")).isEqualTo("u2");
        assertThat(error.header("message")).contains("UNSUBSCRIBE");
        assertThat(stomp.core.frames).hasSize(3);
    }

    @Test
    void everyInboundFrameCountsTowardTheFrameRateLimitHeartBeatsPingsAndAcksIncluded() {
        StompChannel limited = new StompChannel(StompChannel.SETTINGS.toBuilder().framesPerSecond(1).frameBurst(6).build());
        try {
            limited.connect("heart-beat", "0,0"); // 1: CONNECT
            limited.send("\n"); // 2: a heart-beat
            limited.channel.writeInbound(new io.netty.handler.codec.http.websocketx.PingWebSocketFrame()); // 3
            ((io.netty.handler.codec.http.websocketx.PongWebSocketFrame) limited.readRaw()).release();
            limited.channel.writeInbound(new io.netty.handler.codec.http.websocketx.PongWebSocketFrame()); // 4
            limited.send(StompText.frame("ACK", "id", "a1")); // 5
            limited.send(StompText.frame("NACK", "id", "a2")); // 6
            assertThat(limited.channel.isOpen()).isTrue();
            limited.channel.writeInbound(new io.netty.handler.codec.http.websocketx.PingWebSocketFrame()); // 7: over
            StompText.Frame error = limited.expectErrorAndClose("rate-limited");
            assertThat(error.header("message")).contains("too many frames");
        } finally {
            limited.close();
        }
    }

    @Test
    void aPongThatWouldPassTheOutboundCapClosesTheConnectionAsSlowConsumer() {
        StompChannel capped = new StompChannel(StompChannel.SETTINGS.toBuilder().writeBufferLowWaterMark(512).writeBufferHighWaterMark(1024)
                .maxPendingOutboundBytes(2048).build(),
                2048);
        try {
            capped.connect("heart-beat", "0,0");
            capped.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
                @Override
                public void flush(ChannelHandlerContext ctx) {
                    // the client reads nothing: every pong stays pending
                }
            });
            int pings = 0;
            while (capped.channel.isActive() && pings < 100) {
                capped.channel.writeInbound(new io.netty.handler.codec.http.websocketx.PingWebSocketFrame(
                        Unpooled.wrappedBuffer(new byte[125])));
                capped.channel.runPendingTasks();
                pings++;
                assertThat(capped.channel.unsafe().outboundBuffer() == null ? 0
                        : capped.channel.unsafe().outboundBuffer().totalPendingWriteBytes())
                        .as("pending bytes after each ping").isLessThanOrEqualTo(2048 + 1024);
                if (!((NettyConnection) capped.core.opened.get(0)).isOpen()) {
                    break;
                }
            }
            assertThat(pings).as("closed long before 100 pings").isLessThan(20);
            assertThat(capped.core.opened.get(0).isOpen()).isFalse();
        } finally {
            capped.close();
        }
    }

    @Test
    void refillsTheSendBucketOverTime() {
        stomp.connect("heart-beat", "0,0");
        for (int i = 0; i < 3; i++) {
            sendMessage("/c", "{}");
        }
        stomp.advance(Duration.ofMillis(1000)); // 2 per second
        sendMessage("/c", "{}");
        sendMessage("/c", "{}");
        assertThat(stomp.core.frames).hasSize(5);
        assertThat(stomp.channel.isOpen()).isTrue();
    }

    @Test
    void answersDisconnectWithReceiptThenClosesNormally() {
        stomp.connect();
        stomp.send(StompText.frame("DISCONNECT", "receipt", "bye-1"));
        StompText.Frame receipt = stomp.read();
        assertThat(receipt.command()).isEqualTo("RECEIPT");
        assertThat(receipt.header("receipt-id")).isEqualTo("bye-1");
        assertThat(stomp.readClose()).isEqualTo(1000);
        assertThat(stomp.channel.isOpen()).isFalse();
        assertThat(stomp.core.closes).hasValue(1);
    }

    @Test
    void acceptsAckAndNackAsNoOpsWithReceipt() {
        stomp.connect();
        stomp.send(StompText.frame("ACK", "id", "m1", "receipt", "a1"));
        stomp.send(StompText.frame("NACK", "id", "m2"));
        assertThat(stomp.read().header("receipt-id")).isEqualTo("a1");
        assertThat(stomp.readRaw()).isNull();
        assertThat(stomp.core.frames).isEmpty();
    }

    @Test
    void rejectsTransactionsWithUnsupportedCommand() {
        stomp.connect();
        stomp.send(StompText.frame("BEGIN", "transaction", "t1"));
        stomp.expectErrorAndClose("unsupported-command");
    }

    @Test
    void rejectsASecondConnect() {
        stomp.connect();
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2"));
        StompText.Frame error = stomp.expectErrorAndClose("unsupported-command");
        assertThat(error.header("message")).isEqualTo("already connected");
    }

    @Test
    void rejectsSendWithoutDestinationAndSubscribeWithoutId() {
        stomp.connect();
        stomp.send(StompText.frame("SUBSCRIBE", "destination", "/c"));
        stomp.expectErrorAndClose("malformed-frame");
        assertThat(stomp.core.frames).isEmpty();
    }

    @Test
    void refusesBinaryMessagesWithClose1003() {
        stomp.connect();
        stomp.channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        assertThat(stomp.readClose()).isEqualTo(1003);
        assertThat(stomp.channel.isOpen()).isFalse();
    }

    @Test
    void ignoresFramesAfterAnError() {
        stomp.connect();
        stomp.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // the client reads nothing more: our ERROR and close frame stay queued, the channel stays open
            }
        });
        stomp.send(StompText.frame("COMMIT", "transaction", "t"));
        sendMessage("/c", "{}");
        assertThat(stomp.channel.isOpen()).isTrue();
        assertThat(stomp.core.frames).isEmpty();
    }

    @Test
    void callsOnCloseExactlyOnceWhenTheChannelCloses() {
        stomp.connect();
        stomp.core.opened.get(0).close(ErrorCode.FORBIDDEN, "no");
        stomp.channel.runPendingTasks();
        stomp.channel.close();
        stomp.channel.close();
        assertThat(stomp.core.closes).hasValue(1);
        assertThat(stomp.core.opened.get(0).isOpen()).isFalse();
    }

    @Test
    void answersAFailingCoreWithInternalError() {
        ChatCore failing = connection -> new SessionHandler() {
            @Override
            public void onFrame(ClientFrame frame) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onClose() {}
        };
        StompApplication app = new StompApplication(StompChannel.SETTINGS, failing, TestTokens.TOKENS);
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrameHandler(1024, 1000));
        app.install(ch.pipeline());
        ch.writeInbound(StompText.ws(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.valid(UUID.randomUUID()))));
        ch.writeInbound(StompText.ws(StompText.frame("SEND", "destination", "/c", "receipt", "r1")));
        ch.runPendingTasks();
        assertThat(StompText.read(ch.readOutbound()).command()).isEqualTo("CONNECTED");
        StompText.Frame error = StompText.read(ch.readOutbound());
        assertThat(error.header("error-code")).isEqualTo("internal-error");
        assertThat(error.header("receipt-id")).isEqualTo("r1");
        ch.finishAndReleaseAll();
        app.timers().stop();
    }
}
