package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;
import nl.klaslijn.chat.core.ErrorCode;
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

    @Test
    void encodesMessageWithSubscriptionFirstAndContentLength() {
        ServerFrame message = ServerFrame.message("/conversations/1", "42", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(text(StompEncoder.message("sub-1", message))).isEqualTo(
                "MESSAGE\nsubscription:sub-1\ndestination:/conversations/1\nmessage-id:42\n"
                        + "content-type:application/json\ncontent-length:7\n\n{\"a\":1}\0");
    }

    @Test
    void encodesTheSharedPartOnceForAllRecipients() {
        ServerFrame message = ServerFrame.message("/c/1", "1", "{}".getBytes(StandardCharsets.UTF_8));
        ByteBuf first = StompEncoder.message("a", message);
        ByteBuf second = StompEncoder.message("b", message);
        try {
            byte[] cached = message.encoded(f -> {
                throw new AssertionError("encoded again");
            });
            for (ByteBuf recipient : new ByteBuf[] {first, second}) {
                assertThat(recipient).isInstanceOf(CompositeByteBuf.class);
                ByteBuf shared = ((CompositeByteBuf) recipient).component(1);
                assertThat(shared.hasArray()).isTrue();
                assertThat(shared.array()).isSameAs(cached); // wrapped, not copied
            }
            assertThat(first.toString(StandardCharsets.UTF_8)).startsWith("MESSAGE\nsubscription:a\n");
            assertThat(second.toString(StandardCharsets.UTF_8)).startsWith("MESSAGE\nsubscription:b\n");
        } finally {
            first.release();
            second.release();
        }
    }

    @Test
    void escapesHeaderValuesAndSubscription() {
        ServerFrame message = ServerFrame.message("/a:b", "1", ServerFrame.NO_BODY, "x-note", "line\nwith\\slash\r");
        String encoded = text(StompEncoder.message("s:1", message));
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
        assertThat(text(StompEncoder.message("s", message))).contains("content-length:3\n").doesNotContain("99");
    }
}
