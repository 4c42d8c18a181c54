package nl.klaslijn.chat.core;

import nl.klaslijn.chat.protocol.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerFrameTest {

    @Test
    void encodingIsComputedOnceAndShared() {
        ServerFrame frame = ServerFrame.message("/user/events", "1", "{}".getBytes(), "event-type", "message");
        AtomicInteger calls = new AtomicInteger();
        byte[] first = frame.encoded(f -> {
            calls.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        byte[] second = frame.encoded(f -> {
            calls.incrementAndGet();
            return new byte[] {9};
        });
        assertThat(second).isSameAs(first);
        assertThat(calls).hasValue(1);
    }

    @Test
    void errorCarriesCodeMessageAndReceipt() {
        ServerFrame error = ServerFrame.error(ErrorCode.RATE_LIMITED, "slow down", "r-1");
        assertThat(error.command()).isEqualTo("ERROR");
        assertThat(error.header("error-code")).isEqualTo("rate-limited");
        assertThat(error.header("message")).isEqualTo("slow down");
        assertThat(error.header("receipt-id")).isEqualTo("r-1");
    }

    @Test
    void messageHasTheStandardHeadersFirst() {
        ServerFrame m = ServerFrame.message("/user/events", "42", new byte[0], "event-type", "message");
        assertThat(m.headerName(0)).isEqualTo("destination");
        assertThat(m.header("message-id")).isEqualTo("42");
        assertThat(m.header("content-type")).isEqualTo("application/json");
        assertThat(m.header("event-type")).isEqualTo("message");
    }
}
