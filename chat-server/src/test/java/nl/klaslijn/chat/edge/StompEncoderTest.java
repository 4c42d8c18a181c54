package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.ServerFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class StompEncoderTest {

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    /** What a client's WebSocket decoder makes of the wire bytes: exactly one final text frame, returned as text. */
    private static String unframed(byte[] wire) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        try {
            client.writeInbound(Unpooled.wrappedBuffer(wire));
            TextWebSocketFrame frame = client.readInbound();
            assertThat(frame).isNotNull();
            assertThat(frame.isFinalFragment()).isTrue();
            assertThat((Object) client.readInbound()).isNull();
            try {
                return frame.text();
            } finally {
                frame.release();
            }
        } finally {
            client.finishAndReleaseAll();
        }
    }

    private static String message(String subscriptionId, ServerFrame frame) {
        return unframed(StompEncoder.framedMessage(frame, subscriptionId));
    }

    @Test
    void encodesMessageAsOneWebSocketTextFrameWithSubscriptionFirstAndContentLength() {
        ServerFrame message = ServerFrame.message("/conversations/1", "42", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(message("sub-1", message)).isEqualTo(
                "MESSAGE\nsubscription:sub-1\ndestination:/conversations/1\nmessage-id:42\n"
                        + "content-type:application/json\ncontent-length:7\n\n{\"a\":1}\0");
    }

    @Test
    void framesEveryPayloadLengthEncoding() {
        // Bodies whose frames straddle the 7/16-bit (125/126) and 16/64-bit (65535/65536) length boundaries.
        int base = StompEncoder.framedMessage(ServerFrame.message("/d", "1", "x".getBytes(StandardCharsets.UTF_8)), "s")
                .length - 2 - 2; // the payload without the one-byte body and its one-digit content-length
        java.util.Set<Integer> headerSizes = new java.util.TreeSet<>();
        for (int boundary : new int[] {126, 65_536}) {
            for (int bodyLength = boundary - base - 8; bodyLength <= boundary - base + 2; bodyLength++) {
                byte[] body = "b".repeat(bodyLength).getBytes(StandardCharsets.UTF_8);
                byte[] wire = StompEncoder.framedMessage(ServerFrame.message("/d", "1", body), "s");
                String text = unframed(wire);
                assertThat(text).startsWith("MESSAGE\nsubscription:s\n").endsWith("b\0");
                int header = text.length() < 126 ? 2 : text.length() <= 0xFFFF ? 4 : 10;
                assertThat(wire.length).as("payload of %d bytes", text.length()).isEqualTo(header + text.length());
                headerSizes.add(header);
            }
        }
        assertThat(headerSizes).containsExactly(2, 4, 10);
    }

    @Test
    void encodesOnceForAllRecipientsWithTheSameSubscriptionId() {
        ServerFrame message = ServerFrame.message("/c/1", "1", "{}".getBytes(StandardCharsets.UTF_8));
        byte[] first = message.encodedFor("a", StompEncoder::framedMessage);
        byte[] again = message.encodedFor("a", (f, k) -> {
            throw new AssertionError("encoded again");
        });
        assertThat(again).isSameAs(first);
        byte[] other = message.encodedFor("b", StompEncoder::framedMessage);
        assertThat(unframed(first)).startsWith("MESSAGE\nsubscription:a\n");
        assertThat(unframed(other)).startsWith("MESSAGE\nsubscription:b\n");
        assertThat(unframed(other).substring("MESSAGE\nsubscription:b\n".length()))
                .isEqualTo(unframed(first).substring("MESSAGE\nsubscription:a\n".length()));
    }

    @Test
    void escapesHeaderValuesAndSubscription() {
        ServerFrame message = ServerFrame.message("/a:b", "1", ServerFrame.NO_BODY, "x-note", "line\nwith\\slash\r");
        String encoded = message("s:1", message);
        assertThat(encoded).isEqualTo("MESSAGE\nsubscription:s\\c1\ndestination:/a\\cb\nmessage-id:1\n"
                + "content-type:application/json\nx-note:line\\nwith\\\\slash\\r\n\n\0");
        StompText.Frame parsed = StompText.parse(encoded);
        assertThat(parsed.header("x-note")).isEqualTo("line\nwith\\slash\r");
    }

    @Test
    void doesNotEscapeConnected() {
        String encoded = text(StompEncoder.connected(ByteBufAllocator.DEFAULT, "version", "1.2", "server", "klaslijn/1:2"));
        assertThat(encoded).isEqualTo("CONNECTED\nversion:1.2\nserver:klaslijn/1:2\n\n\0");
    }

    @Test
    void encodesErrorWithCodeMessageAndReceipt() {
        String encoded = text(StompEncoder.frame(ByteBufAllocator.DEFAULT,
                ServerFrame.error(ErrorCode.RATE_LIMITED, "slow down", "r-7")));
        StompText.Frame f = StompText.parse(encoded);
        assertThat(f.command()).isEqualTo("ERROR");
        assertThat(f.header("error-code")).isEqualTo("rate-limited");
        assertThat(f.header("message")).isEqualTo("slow down");
        assertThat(f.header("receipt-id")).isEqualTo("r-7");
        assertThat(f.header("content-length")).isEqualTo("9");
        assertThat(f.body()).isEqualTo("slow down");
    }

    @Test
    void encodesReceiptWithoutBodyOrContentLength() {
        String encoded = text(StompEncoder.frame(ByteBufAllocator.DEFAULT, ServerFrame.receipt("77")));
        assertThat(encoded).isEqualTo("RECEIPT\nreceipt-id:77\n\n\0");
    }

    @Test
    void ignoresContentLengthAmongTheFramesOwnHeaders() {
        ServerFrame message = ServerFrame.message("/d", "1", "abc".getBytes(StandardCharsets.UTF_8), "content-length", "99");
        assertThat(message("s", message)).contains("content-length:3\n").doesNotContain("99");
    }
}
